// src/agreement is a pure core (docs/agreement.md, DESIGN.md): it imports nothing that does I/O
// and reads no clock, so the same events give the same status everywhere.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const dir = new URL('../../src/agreement/', import.meta.url);
const sources = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('src/agreement stays pure', () => {
  for (const file of sources) {
    it(file, () => {
      const text = readFileSync(new URL(file, dir), 'utf8');
      const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const spec of imports) {
        assert.ok(spec?.startsWith('./') || spec === '../errors.js', `${file} imports ${spec}`);
      }
      assert.doesNotMatch(text, /Date\.now\(|new Date\(|process\./, `${file} reads the clock or the process`);
    });
  }
});

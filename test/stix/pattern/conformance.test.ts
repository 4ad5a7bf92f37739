import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkPattern, parsePattern, printPattern } from '../../../src/stix/pattern/index.js';

// CI clones the repository with shared/ beside it: always <repo>/../shared.
const DIR = new URL('../../../../shared/conformance/patterns/', import.meta.url);
const spec = readFileSync(new URL('spec_examples_v21.txt', DIR), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean);
const cases = JSON.parse(readFileSync(new URL('validator_cases_v21.json', DIR), 'utf8')) as {
  valid: string[];
  invalid: string[];
};

function roundTrip(text: string): void {
  const first = parsePattern(text);
  assert.ok(first.ok, `${text}: ${first.ok ? '' : first.error.message}`);
  const printed = printPattern(first.ast);
  const second = parsePattern(printed);
  assert.ok(second.ok, `${printed}: ${second.ok ? '' : second.error.message}`);
  assert.deepEqual(second.ast, first.ast);
  assert.equal(printPattern(second.ast), printed);
}

describe('STIX 2.1 specification examples', () => {
  for (const p of spec) {
    it(p, () => {
      assert.deepEqual(checkPattern(p), []);
      roundTrip(p);
    });
  }
});

describe('OASIS validator: valid', () => {
  for (const p of cases.valid) {
    it(p, () => {
      assert.deepEqual(checkPattern(p), []);
      roundTrip(p);
    });
  }
});

describe('OASIS validator: invalid', () => {
  for (const p of cases.invalid) {
    it(p, () => {
      const r = parsePattern(p);
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.match(r.error.message, / at \d+:\d+/);
      assert.ok(r.error.line >= 1 && r.error.column >= 0 && r.error.offset <= p.length);
      const all = checkPattern(p);
      assert.ok(all.length >= 1);
      assert.equal(all[0]!.message, r.error.message);
    });
  }
});

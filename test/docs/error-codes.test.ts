import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ERROR_CODES } from '../../src/errors.js';

test('docs/errors.md lists every error code with its status, and no other', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const rows = [...doc.matchAll(/^\| `(ACCORD_[A-Z_]+)` *\| (\d{3}) *\|/gm)].map((m) => [m[1], Number(m[2])]);
  const expected = Object.entries(ERROR_CODES).map(([code, e]) => [code, e.status]);
  assert.deepEqual(
    rows.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    expected.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ALLOW_REASONS, DENY_REASONS } from '../../src/policy/index.js';

test('docs/policy.md lists every decision reason, and no other', () => {
  const doc = readFileSync(new URL('../../docs/policy.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('### Reasons'), doc.indexOf('## Consent life cycle'));
  const listed = new Set([...section.matchAll(/^\| `([a-z-]+)` +\|/gm)].map((m) => m[1]));
  const codes = new Set([...Object.keys(ALLOW_REASONS), ...Object.keys(DENY_REASONS)]);
  assert.deepEqual([...listed].sort(), [...codes].sort());
});

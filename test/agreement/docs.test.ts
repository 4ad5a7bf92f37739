// Like the error catalogue: every rule code a refusal can carry is documented for operators.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { AGREEMENT_RULES, EVENT_KINDS } from '../../src/agreement/index.js';

const doc = readFileSync(new URL('../../docs/agreement.md', import.meta.url), 'utf8');

it('docs/agreement.md lists every rule and every event kind', () => {
  const missing = [...Object.keys(AGREEMENT_RULES), ...EVENT_KINDS].filter(
    (code) => !new RegExp(`\\|\\s*\`${code}\`\\s*\\|`).test(doc),
  );
  assert.deepEqual(missing, []);
});

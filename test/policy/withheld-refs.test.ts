import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containedIds, WITHHELD_REFS_PROPERTY, withholdRefs } from '../../src/policy/index.js';

const SEEN = 'indicator--00000000-0000-4000-8000-000000000001';
const HIDDEN = 'indicator--00000000-0000-4000-8000-000000000002';
const OTHER = 'malware--00000000-0000-4000-8000-000000000003';
const WHO = 'identity--00000000-0000-4000-8000-000000000004';
const MARK = 'marking-definition--00000000-0000-4000-8000-000000000005';

const report = {
  type: 'report',
  id: 'report--00000000-0000-4000-8000-0000000000aa',
  object_refs: [SEEN, HIDDEN, WHO, OTHER],
  object_marking_refs: [MARK],
  created_by_ref: WHO,
};

const only =
  (...ids: string[]) =>
  (id: string) =>
    ids.includes(id);

test('a container lists its contents, not its markings or the identities it names', () => {
  assert.deepEqual(containedIds(report), [SEEN, HIDDEN, OTHER]);
  assert.deepEqual(
    containedIds({ type: 'sighting', observed_data_refs: [OTHER], where_sighted_refs: [WHO] }),
    [OTHER],
  );
});

test('the reader’s copy drops what it may not see and says how many, without naming them', () => {
  const copy = withholdRefs(report, only(SEEN));
  assert.ok(copy);
  assert.deepEqual(copy.object_refs, [SEEN, WHO]);
  assert.equal(copy[WITHHELD_REFS_PROPERTY], 2);
  assert.ok(!JSON.stringify(copy).includes(HIDDEN));
  assert.deepEqual(copy.object_marking_refs, [MARK]);
  assert.deepEqual(report.object_refs, [SEEN, HIDDEN, WHO, OTHER], 'the stored object is untouched');
});

test('nothing withheld: no copy, the object goes as it is', () => {
  assert.equal(withholdRefs(report, only(SEEN, HIDDEN, OTHER)), undefined);
});

test('a count the sender wrote is replaced by the count for this reader', () => {
  const copy = withholdRefs({ ...report, [WITHHELD_REFS_PROPERTY]: 99 }, only(SEEN, OTHER));
  assert.equal(copy?.[WITHHELD_REFS_PROPERTY], 1);
});

test('every list-valued *_refs counts, x-accord records included', () => {
  const note = { type: 'x-accord-notification', id: 'x', object_refs: [HIDDEN], sample_refs: [OTHER] };
  const copy = withholdRefs(note, only());
  assert.deepEqual(copy?.object_refs, []);
  assert.deepEqual(copy?.sample_refs, []);
  assert.equal(copy?.[WITHHELD_REFS_PROPERTY], 2);
});

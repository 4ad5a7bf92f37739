import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lowerCaseIds } from '../../src/stix/id-case.js';

const UP = 'indicator--0E0E0E0E-0E0E-4E0E-8E0E-0E0E0E0E0E0E';
const LOW = UP.replace(/--(.*)$/, (_, u: string) => `--${u.toLowerCase()}`);

test('lower-cases ids, refs, ref lists and marking_ref at any depth, and says where', () => {
  const md = 'marking-definition--AAAAAAAA-0000-4000-8000-000000000000';
  const doc = {
    type: 'bundle',
    objects: [
      {
        id: UP,
        created_by_ref: UP,
        object_refs: ['report--0d000000-0000-4000-8000-000000000001', UP],
        granular_markings: [{ marking_ref: md, selectors: ['name'] }],
        extensions: { x: { nested_ref: UP } },
        name: UP,
      },
    ],
  };
  const { value, changes } = lowerCaseIds(doc);
  const o = value.objects[0]!;
  assert.equal(o.id, LOW);
  assert.equal(o.created_by_ref, LOW);
  assert.deepEqual(o.object_refs, ['report--0d000000-0000-4000-8000-000000000001', LOW]);
  assert.equal(o.granular_markings[0]!.marking_ref, md.toLowerCase());
  assert.equal(o.extensions.x.nested_ref, LOW);
  assert.equal(o.name, UP, 'a value that is not a reference is left alone');
  assert.deepEqual(
    changes.map((c) => c.path),
    [
      '$.objects[0].id',
      '$.objects[0].created_by_ref',
      '$.objects[0].object_refs[1]',
      '$.objects[0].granular_markings[0].marking_ref',
      '$.objects[0].extensions.x.nested_ref',
    ],
  );
  assert.equal(doc.objects[0]!.id, UP, 'the input is not changed');
});

test('a document already in lower case comes back as it was given', () => {
  const doc = { id: LOW, object_refs: [LOW] };
  const { value, changes } = lowerCaseIds(doc);
  assert.equal(value, doc);
  assert.deepEqual(changes, []);
});

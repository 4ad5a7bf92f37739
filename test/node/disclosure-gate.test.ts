import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isDisclosed } from '../../src/node/disclosed.js';
import { type Audience, decideDisclosure } from '../../src/node/disclosure.js';
import { releasabilityMarking, TLP2_IDS } from '../../src/policy/index.js';
import { latestCopiesList } from '../../src/store/index.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

// What the gate hands out: branded values; a reader's copy of a container without the ids
// it may not see; the originator's signed version, every id kept, to a peer node; and
// Accord marking-definitions only to the Parties they name.
const T = '2025-03-01T09:00:00.000Z';
const SEEN = 'indicator--0d0000ee-0000-4000-8000-000000000001';
const HIDDEN = 'indicator--0d0000ee-0000-4000-8000-000000000002';
const REPORT = 'report--0d0000ee-0000-4000-8000-000000000003';
const REL = releasabilityMarking(['KZ', 'TJ']);
const base = { spec_version: '2.1', created: T, modified: T };
const indicator = (id: string, marks: string[]) => ({
  ...base,
  type: 'indicator',
  id,
  pattern: "[domain-name:value = 'x.example']",
  pattern_type: 'stix',
  valid_from: T,
  object_marking_refs: marks,
});

const user = (party: string): Audience => ({
  recipient: { kind: 'party', party },
  actor: { kind: 'user', id: `u-${party}`, party },
});
const peer = (party: string): Audience => ({
  recipient: { kind: 'party', party },
  actor: { kind: 'node', id: `accord-${party.toLowerCase()}`, party },
});

for (const backend of BACKENDS) {
  describe(`the disclosure gate’s output (${backend.name})`, () => {
    let t: TestNode;
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bundles',
        headers: bearer(await t.tokenFor('KZ')),
        payload: {
          type: 'bundle',
          id: 'bundle--0d0000ee-0000-4000-8000-0000000000ff',
          objects: [
            REL,
            indicator(SEEN, [TLP2_IDS.green]),
            indicator(HIDDEN, [TLP2_IDS.red, REL.id as string]),
            {
              ...base,
              type: 'report',
              id: REPORT,
              name: 'r',
              published: T,
              report_types: ['threat-report'],
              object_refs: [SEEN, HIDDEN],
              object_marking_refs: [TLP2_IDS.green],
            },
          ],
        },
      });
      assert.equal(r.statusCode, 201, r.body);
    });
    after(() => t.dispose());

    const versions = async (...ids: string[]) => latestCopiesList(t.node.store.db, ids);

    test('a user of KG gets a branded, unsigned copy of the report without the hidden id', async () => {
      const { allowed } = await decideDisclosure(t.node, user('KG'), await versions(REPORT), 'rest');
      assert.equal(allowed.length, 1);
      assert.ok(isDisclosed(allowed[0]));
      const o = JSON.parse(allowed[0]!.json);
      assert.deepEqual(o.object_refs, [SEEN]);
      assert.equal(o.x_accord_withheld_refs, 1);
      assert.equal(allowed[0]!.signature, null);
    });

    test('a user of TJ, on the list, gets the report as it is', async () => {
      const { allowed } = await decideDisclosure(t.node, user('TJ'), await versions(REPORT), 'taxii');
      assert.deepEqual(JSON.parse(allowed[0]!.json).object_refs, [SEEN, HIDDEN]);
    });

    test('a peer node of KG gets the originator’s version, every id kept, for its signature', async () => {
      const [v] = await versions(REPORT);
      const { allowed } = await decideDisclosure(t.node, peer('KG'), [v!], 'federation');
      assert.equal(allowed[0], v, 'the very version, not a copy');
      assert.deepEqual(JSON.parse(allowed[0]!.json).object_refs, [SEEN, HIDDEN]);
    });

    test('the releasability definition goes to the Parties on it only, on every channel', async () => {
      const md = await versions(REL.id as string);
      for (const channel of ['rest', 'taxii', 'federation'] as const) {
        assert.equal((await decideDisclosure(t.node, user('TJ'), md, channel)).allowed.length, 1);
        const kg = await decideDisclosure(t.node, user('KG'), md, channel);
        assert.equal(kg.allowed.length, 0, channel);
        assert.equal(kg.denied[0]?.reason, 'not-released-to-party');
      }
    });
  });
}

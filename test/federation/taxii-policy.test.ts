// Every object served over TAXII passes the disclosure policy for the reader's Party.
// KZ originates a TLP:RED indicator (only KZ may see it), a TLP:GREEN one (Parties in
// force) and a TLP:CLEAR one (anyone). RU is the reader the issue names; BY is a Party in
// force, so the RED denial seen by BY comes from the marking and not from the Agreement.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';
import {
  ALL,
  indicator,
  indicatorId,
  postObjects,
  storedOnly,
  TLP_CLEAR,
  TLP_GREEN,
  TLP_RED,
  taxiiHeaders,
} from './taxii-helpers.js';

const RED = indicatorId(1);
const GREEN = indicatorId(2);
const CLEAR = indicatorId(3);

for (const backend of BACKENDS) {
  describe(`TAXII serves only what the policy discloses, on ${backend.name}`, () => {
    let t: TestNode;
    const tokens: Record<string, string> = {};
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      for (const p of ['KZ', 'RU', 'BY']) tokens[p] = await t.tokenFor(p);
      const objects = [
        indicator(1, { object_marking_refs: [TLP_RED] }),
        indicator(1, { object_marking_refs: [TLP_RED], modified: '2024-02-01T00:00:00.000Z' }),
        indicator(2, { object_marking_refs: [TLP_GREEN] }),
        indicator(3, { object_marking_refs: [TLP_CLEAR] }),
      ];
      assert.equal((await postObjects(t.app, tokens.KZ!, objects)).json().success_count, 4);
    });
    after(() => t.dispose());

    const get = (party: string, path: string) =>
      t.app.inject({ url: `${ALL}${path}`, headers: taxiiHeaders(tokens[party]!) });
    const listed = async (party: string, path: string) =>
      storedOnly((await get(party, path)).json().objects ?? []).map((o: { id: string }) => o.id);

    test('the originator sees its TLP:RED object everywhere', async () => {
      assert.ok((await listed('KZ', '/objects/')).includes(RED));
      assert.equal((await get('KZ', `/objects/${RED}/versions/`)).json().versions.length, 2);
    });

    for (const reader of ['RU', 'BY']) {
      test(`a ${reader} user never sees KZ's TLP:RED object: objects, manifest, object, versions`, async () => {
        for (const path of [
          '/objects/',
          '/objects/?match[version]=all',
          '/manifest/?match[version]=all',
          `/objects/?match[id]=${RED}`,
        ]) {
          assert.ok(!(await listed(reader, path)).includes(RED), path);
        }
        for (const path of [
          `/objects/${RED}/`,
          `/objects/${RED}/?match[version]=all`,
          `/objects/${RED}/versions/`,
        ]) {
          const r = await get(reader, path);
          assert.equal(r.statusCode, 404, path);
          assert.ok(!r.body.includes('C2 1'), 'nothing of the object leaks into the error');
        }
        const del = await t.app.inject({
          method: 'DELETE',
          url: `${ALL}/objects/${RED}/`,
          headers: taxiiHeaders(tokens[reader]!),
        });
        assert.equal(del.statusCode, 404, 'not even a 403 that would confirm the object exists');
      });
    }

    test('the test is not vacuous: RU sees TLP:CLEAR, BY sees TLP:GREEN and TLP:CLEAR', async () => {
      assert.deepEqual(await listed('RU', '/objects/'), [CLEAR]);
      assert.deepEqual((await listed('BY', '/objects/')).sort(), [GREEN, CLEAR].sort());
    });
  });
}

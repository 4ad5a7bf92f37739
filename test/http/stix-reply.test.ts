import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ALL_OBJECTS_ID } from '../../src/http/taxii/collections.js';
import { disclosedObject, takeMinter } from '../../src/node/disclosed.js';
import { disclosable, partyAudience } from '../../src/node/disclosure.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { getVersions } from '../../src/store/index.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

// A route added later that reads the store and forgets the gate must fail its first test:
// the HTTP layer refuses to serialise STIX the gate did not make.
const ID = 'indicator--0d0000dd-0000-4000-8000-000000000001';
const T = '2025-03-01T09:00:00.000Z';

for (const backend of BACKENDS) {
  describe(`the HTTP layer sends only STIX the gate made (${backend.name})`, () => {
    let t: TestNode;
    let token: string;
    before(async () => {
      t = await startTestNode(backend);
      token = await t.tokenFor('KZ');
      const db = t.node.store.db;
      // Three routes as a careless author might write them, and one as it should be.
      t.app.get('/rogue/object', async () => JSON.parse((await getVersions(db, ID))[0]!.json));
      t.app.get('/rogue/text', async (_req, reply) =>
        reply.type('application/json').send(`{"objects":[${(await getVersions(db, ID))[0]!.json}]}`),
      );
      t.app.get('/rogue/nested', async () => ({
        page: { items: [{ object: JSON.parse((await getVersions(db, ID))[0]!.json) }] },
      }));
      const gated = async () => {
        const [v] = await disclosable(t.node, partyAudience('KZ'), await getVersions(db, ID), 'rest');
        assert.ok(v);
        return v;
      };
      t.app.get('/gated', async () => ({ object: disclosedObject(await gated()) }));
      t.app.get('/reparsed', async () => ({ object: JSON.parse((await gated()).json) }));
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bundles',
        headers: bearer(token),
        payload: {
          type: 'bundle',
          id: 'bundle--0d0000dd-0000-4000-8000-0000000000ff',
          objects: [
            {
              type: 'indicator',
              spec_version: '2.1',
              id: ID,
              created: T,
              modified: T,
              pattern: "[domain-name:value = 'gate.example']",
              pattern_type: 'stix',
              valid_from: T,
              object_marking_refs: [TLP2_IDS.green],
            },
          ],
        },
      });
      assert.equal(r.statusCode, 201, r.body);
    });
    after(() => t.dispose());

    for (const url of ['/rogue/object', '/rogue/text', '/rogue/nested']) {
      test(`${url}: refused with a logged 500 that names the catalogue code`, async () => {
        const r = await t.app.inject({ url });
        assert.equal(r.statusCode, 500);
        assert.equal(r.json().error.code, 'ACCORD_UNGATED_DISCLOSURE');
        assert.ok(!r.body.includes('gate.example'), 'nothing of the object goes out');
      });
    }

    test('a route that sends what the gate made is served', async () => {
      const r = await t.app.inject({ url: '/gated' });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().object.id, ID);
    });

    test('parsing a gated version by hand is not enough: only the gate’s own values pass', async () => {
      const r = await t.app.inject({ url: '/reparsed' });
      assert.equal(r.statusCode, 500);
      assert.equal(r.json().error.code, 'ACCORD_UNGATED_DISCLOSURE');
    });

    test('the routes that use the gate serve the same object', async () => {
      const r = await t.app.inject({ url: `/api/v1/objects/${ID}`, headers: bearer(token) });
      assert.equal(r.statusCode, 200);
      assert.equal(r.json().object.pattern, "[domain-name:value = 'gate.example']");
      const taxii = await t.app.inject({
        url: `/taxii2/accord/collections/${ALL_OBJECTS_ID}/objects/${ID}/`,
        headers: { ...bearer(token), accept: 'application/taxii+json;version=2.1' },
      });
      assert.equal(taxii.statusCode, 200);
      assert.ok(taxii.body.includes('gate.example'));
    });

    test('nobody but the gate can take the minter', () => {
      assert.throws(() => takeMinter(), /belongs to src\/node\/disclosure.ts/);
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

const IND = 'indicator--5b0b8f3e-0c35-4a57-9d43-2b6f9f1e7a01';
const OTHER = 'indicator--5b0b8f3e-0c35-4a57-9d43-2b6f9f1e7a02';

const indicator = (id: string, description?: string) => ({
  type: 'indicator',
  spec_version: '2.1',
  id,
  created: '2024-01-01T00:00:00.000Z',
  modified: '2024-01-01T00:00:00.000Z',
  name: 'C2 address',
  pattern: "[ipv4-addr:value = '203.0.113.9']",
  pattern_type: 'stix',
  valid_from: '2024-01-01T00:00:00Z',
  ...(description ? { description } : {}),
  object_marking_refs: ['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb'],
});

for (const backend of BACKENDS) {
  describe(`objects by kind and what cites an object, on ${backend.name}`, () => {
    let t: TestNode;
    const tok: Record<string, string> = {};
    let notificationId = '';
    let redId = '';
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      for (const p of ['KZ', 'BY', 'KG']) tok[p] = await t.tokenFor(p);
      const stored = await call('POST', '/api/v1/bundles', 'KZ', {
        type: 'bundle',
        id: 'bundle--5b0b8f3e-0c35-4a57-9d43-2b6f9f1e7a00',
        // The second only mentions the first in its text: that is no citation.
        objects: [indicator(IND), indicator(OTHER, `see ${IND}`)],
      });
      assert.equal(stored.statusCode, 201, stored.body);
      const sent = await call('POST', '/api/v1/notifications', 'KZ', {
        kind: 'threat',
        severity: 'high',
        summary: 'C2 seen',
        object_refs: [IND],
      });
      assert.equal(sent.statusCode, 201, sent.body);
      notificationId = sent.json().id;
      const red = await call('POST', '/api/v1/notifications', 'KZ', {
        kind: 'threat',
        severity: 'low',
        summary: 'for BY only',
        recipients: ['BY'],
        object_refs: [IND],
      });
      redId = red.json().id;
    });
    after(() => t.dispose());

    const call = (method: 'GET' | 'POST', url: string, party: string, payload?: object) =>
      t.app.inject({ method, url, headers: bearer(tok[party]!), ...(payload ? { payload } : {}) });
    const types = async (url: string, party = 'KZ') => {
      const r = await call('GET', url, party);
      assert.equal(r.statusCode, 200, r.body);
      return new Set<string>(r.json().items.map((i: { object: { type: string } }) => i.object.type));
    };

    test('kind=intel lists indicators but no notification or marking definition', async () => {
      const intel = await types('/api/v1/objects?kind=intel&limit=1000');
      assert.ok(intel.has('indicator'));
      for (const ty of intel) {
        assert.ok(!ty.startsWith('x-accord-') && ty !== 'marking-definition', `${ty} is not intelligence`);
      }
      const all = await types('/api/v1/objects?limit=1000');
      assert.ok(all.has('x-accord-notification'), 'without kind, everything visible is listed');
    });

    test('kind=workflow lists the records, and a type outside the kind gives an empty page', async () => {
      const work = await types('/api/v1/objects?kind=workflow&limit=1000');
      assert.ok(work.has('x-accord-notification'));
      assert.ok(!work.has('indicator'));
      assert.equal((await types('/api/v1/objects?kind=workflow&type=indicator')).size, 0);
    });

    test('an unknown kind is a 400 naming the parameter', async () => {
      const r = await call('GET', '/api/v1/objects?kind=stuff', 'KZ');
      assert.equal(r.statusCode, 400);
      assert.match(JSON.stringify(r.json().error), /kind/);
    });

    test('cited-by lists the notifications that cite the object, each only for who may see it', async () => {
      const ids = async (party: string) => {
        const r = await call('GET', `/api/v1/objects/${IND}/cited-by`, party);
        assert.equal(r.statusCode, 200, r.body);
        return r.json().items.map((i: { object: { id: string } }) => i.object.id);
      };
      const kz = await ids('KZ');
      assert.ok(kz.includes(notificationId) && kz.includes(redId), 'the sender sees both');
      assert.ok(!kz.includes(OTHER), 'a mention in a description is not a citation');
      const by = await ids('BY');
      assert.ok(by.includes(redId));
      const kg = await ids('KG');
      assert.ok(kg.includes(notificationId));
      assert.ok(!kg.includes(redId), 'a notification released to BY alone is not shown to KG');
    });
  });
}

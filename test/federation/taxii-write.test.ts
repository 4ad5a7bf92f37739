import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listTombstones } from '../../src/store/tombstones-repo.js';
import { startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';
import {
  ALL,
  INDICATORS,
  indicator,
  indicatorId,
  medallionObjects,
  postObjects,
  ROOT,
  TAXII,
  TLP_GREEN,
  taxiiHeaders,
} from './taxii-helpers.js';

for (const backend of BACKENDS) {
  describe(`TAXII add objects, status and delete on ${backend.name}`, () => {
    let t: TestNode;
    let kz: string;
    let by: string;
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      kz = await t.tokenFor('KZ');
      by = await t.tokenFor('BY');
    });
    after(() => t.dispose());

    const get = (url: string, token = kz) => t.app.inject({ url, headers: taxiiHeaders(token) });

    test('POST answers 202 with a complete status resource, which GET status returns again', async () => {
      const r = await postObjects(t.app, kz, [indicator(1), indicator(2)]);
      assert.equal(r.statusCode, 202);
      assert.equal(r.headers['content-type'], TAXII);
      const s = r.json();
      assert.equal(s.status, 'complete');
      assert.match(s.request_timestamp, /\.\d{6}Z$/);
      assert.deepEqual([s.total_count, s.success_count, s.failure_count, s.pending_count], [2, 2, 0, 0]);
      assert.deepEqual(s.successes[0], {
        id: indicatorId(1),
        version: '2024-01-01T00:00:00.000000Z',
        message: 'stored',
      });
      assert.deepEqual(s.pendings, []);
      const again = await get(`${ROOT}/status/${s.id}/`);
      assert.equal(again.statusCode, 200);
      assert.deepEqual(again.json(), s);
      const same = (await postObjects(t.app, kz, [indicator(1)])).json();
      assert.equal(same.successes[0].message, 'already held: nothing changed');
    });

    test("a status is another Party's business: 404, as for one that does not exist", async () => {
      const s = (await postObjects(t.app, kz, [indicator(3)])).json();
      assert.equal((await get(`${ROOT}/status/${s.id}/`, by)).statusCode, 404);
      assert.equal((await get(`${ROOT}/status/00000000-0000-4000-8000-000000000000/`)).statusCode, 404);
    });

    test('an invalid object fails with its reason, and the request stores nothing (all or nothing)', async () => {
      const { v20 } = medallionObjects();
      const r = await postObjects(t.app, kz, [indicator(10), ...v20]);
      assert.equal(r.statusCode, 202);
      const s = r.json();
      assert.deepEqual([s.total_count, s.success_count, s.failure_count], [2, 0, 2]);
      assert.match(s.failures[1].message, /spec_version/);
      assert.match(s.failures[0].message, /all or nothing/);
      assert.equal((await get(`${ALL}/objects/${indicatorId(10)}/`)).statusCode, 404);
    });

    test('POST with another Content-Type is 415; without an envelope 400; to the read-only collection 403', async () => {
      for (const ct of [
        'application/json',
        'application/stix+json;version=2.1',
        'application/taxii+json;version=2.0',
      ]) {
        const r = await t.app.inject({
          method: 'POST',
          url: `${ALL}/objects/`,
          headers: taxiiHeaders(kz, { 'content-type': ct }),
          payload: JSON.stringify({ objects: [indicator(4)] }),
        });
        assert.equal(r.statusCode, 415, ct);
        assert.equal(r.json().http_status, '415');
      }
      const bare = await t.app.inject({
        method: 'POST',
        url: `${ALL}/objects/`,
        headers: taxiiHeaders(kz, { 'content-type': TAXII }),
        payload: JSON.stringify(indicator(4)),
      });
      assert.equal(bare.statusCode, 400);
      assert.equal((await postObjects(t.app, kz, [indicator(4)], `${INDICATORS}/objects/`)).statusCode, 403);
    });

    test('a body over max_content_length is a 413 TAXII error', async () => {
      const max = (await get(`${ROOT}/`)).json().max_content_length as number;
      const r = await t.app.inject({
        method: 'POST',
        url: `${ALL}/objects/`,
        headers: taxiiHeaders(kz, { 'content-type': TAXII }),
        payload: JSON.stringify({ objects: [indicator(5, { description: 'x'.repeat(max) })] }),
      });
      assert.equal(r.statusCode, 413);
      assert.equal(r.json().http_status, '413');
    });

    test('DELETE by another Party that can see the object is 403, and the object stays', async () => {
      assert.equal(
        (await postObjects(t.app, kz, [indicator(6, { object_marking_refs: [TLP_GREEN] })])).statusCode,
        202,
      );
      assert.equal(
        (await get(`${ALL}/objects/${indicatorId(6)}/`, by)).statusCode,
        200,
        'BY may read TLP:GREEN',
      );
      const r = await t.app.inject({
        method: 'DELETE',
        url: `${ALL}/objects/${indicatorId(6)}/`,
        headers: taxiiHeaders(by),
      });
      assert.equal(r.statusCode, 403);
      assert.equal((await get(`${ALL}/objects/${indicatorId(6)}/`)).statusCode, 200);
    });

    test('DELETE by the originator removes every version and leaves a tombstone for federation', async () => {
      const versions = ['2024-01-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z'];
      await postObjects(
        t.app,
        kz,
        versions.map((m) => indicator(7, { modified: m })),
      );
      const before = Date.now() * 1000;
      const r = await t.app.inject({
        method: 'DELETE',
        url: `${ALL}/objects/${indicatorId(7)}/`,
        headers: taxiiHeaders(kz),
      });
      assert.equal(r.statusCode, 200);
      assert.equal((await get(`${ALL}/objects/${indicatorId(7)}/`)).statusCode, 404);
      const stones = (await listTombstones(t.node.store.db, before - 1, 100)).filter(
        (s) => s.id === indicatorId(7),
      );
      assert.deepEqual(
        stones.map((s) => s.modified).sort(),
        versions.map((m) => m.replace('Z', '000Z')),
      );
      assert.equal(stones[0]!.party, 'KZ');
    });

    test('DELETE with match[version]=last removes the newest only; the previous one becomes the newest', async () => {
      await postObjects(
        t.app,
        kz,
        ['2024-01-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z'].map((m) => indicator(8, { modified: m })),
      );
      const r = await t.app.inject({
        method: 'DELETE',
        url: `${ALL}/objects/${indicatorId(8)}/?match[version]=last`,
        headers: taxiiHeaders(kz),
      });
      assert.equal(r.statusCode, 200);
      const left = (await get(`${ALL}/objects/${indicatorId(8)}/`)).json().objects;
      assert.deepEqual(
        left.map((o: { modified: string }) => o.modified),
        ['2024-01-01T00:00:00.000Z'],
      );
      const gone = await t.app.inject({
        method: 'DELETE',
        url: `${ALL}/objects/${indicatorId(999)}/`,
        headers: taxiiHeaders(kz),
      });
      assert.equal(gone.statusCode, 404);
    });
  });
}

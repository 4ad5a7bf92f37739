// TAXII add objects reads its envelope as a stream, through the same splitter and import as
// POST /api/v1/bundles, and still answers with a status resource naming every object.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ALL,
  indicator,
  indicatorId,
  postObjects,
  TAXII,
  taxiiHeaders,
} from '../federation/taxii-helpers.js';
import { startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

// More than one batch of the streamed import (2,000 objects), so that the status and the
// all-or-nothing promise are seen across batches.
const MANY = 4_100;

for (const backend of BACKENDS) {
  describe(`TAXII POST streams its envelope on ${backend.name}`, () => {
    let t: TestNode;
    let kz: string;
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      kz = await t.tokenFor('KZ');
    });
    after(() => t.dispose());

    const get = (url: string) => t.app.inject({ url, headers: taxiiHeaders(kz) });
    const postText = (payload: string) =>
      t.app.inject({
        method: 'POST',
        url: `${ALL}/objects/`,
        headers: taxiiHeaders(kz, { 'content-type': TAXII }),
        payload,
      });

    test('an envelope of several thousand objects is stored, each named in the status', async () => {
      const objects = Array.from({ length: MANY }, (_, i) => indicator(20_000 + i));
      const r = await postObjects(t.app, kz, objects);
      assert.equal(r.statusCode, 202, r.body.slice(0, 300));
      const s = r.json();
      assert.deepEqual([s.total_count, s.success_count, s.failure_count], [MANY, MANY, 0]);
      assert.deepEqual(s.successes[MANY - 1], {
        id: indicatorId(20_000 + MANY - 1),
        version: '2024-01-01T00:00:00.000000Z',
        message: 'stored',
      });
      assert.equal((await get(`${ALL}/objects/${indicatorId(20_000 + MANY - 1)}/`)).statusCode, 200);
    });

    test('one invalid object in a later batch: every object fails and nothing is stored', async () => {
      const objects = Array.from({ length: MANY }, (_, i) => indicator(30_000 + i));
      objects[MANY - 2] = indicator(30_000 + MANY - 2, { pattern: "[ipv4-addr:value = '10.0.0.1'" });
      const s = (await postObjects(t.app, kz, objects)).json();
      assert.deepEqual([s.total_count, s.success_count, s.failure_count], [MANY, 0, MANY]);
      assert.match(s.failures[0].message, /all or nothing/);
      assert.match(s.failures[MANY - 2].message, /^\$\.pattern: /);
      assert.equal(s.failures[MANY - 2].id, indicatorId(30_000 + MANY - 2));
      assert.equal((await get(`${ALL}/objects/${indicatorId(30_000)}/`)).statusCode, 404);
    });

    test('an envelope has no spec_version to lend: an object without one fails', async () => {
      const { spec_version: _, ...bare } = indicator(40_000);
      const s = (await postObjects(t.app, kz, [indicator(40_001), bare])).json();
      assert.deepEqual([s.total_count, s.success_count, s.failure_count], [2, 0, 2]);
      assert.match(s.failures[1].message, /spec_version/);
    });

    test('broken JSON is a 400 TAXII error naming the object, line and column', async () => {
      const good = JSON.stringify(indicator(50_000));
      const r = await postText(`{"objects": [\n${good},\n{"type": "indicator", "id": }\n]}`);
      assert.equal(r.statusCode, 400, r.body);
      const e = r.json();
      assert.equal(e.http_status, '400');
      assert.match(e.description ?? e.title, /\$\.objects\[1\] is not valid JSON at line 3, column \d+/);
      assert.equal((await get(`${ALL}/objects/${indicatorId(50_000)}/`)).statusCode, 404);
    });

    test('a stray bracket between objects is a 400 with its line and column', async () => {
      const r = await postText(`{"objects": [${JSON.stringify(indicator(50_001))} }]}`);
      assert.equal(r.statusCode, 400, r.body);
      assert.match(r.body, /line 1, column \d+/);
    });

    test('a body that is not an envelope is a 400; an empty objects list stores nothing', async () => {
      for (const body of [JSON.stringify(indicator(50_002)), '[]', '{"objects": 3}']) {
        const r = await postText(body);
        assert.equal(r.statusCode, 400, body);
        assert.match(r.body, /TAXII envelope/);
      }
      const empty = await postText('{"objects": [], "more": false}');
      assert.equal(empty.statusCode, 202);
      assert.deepEqual([empty.json().total_count, empty.json().success_count], [0, 0]);
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

// Values here come from the documentation ranges and names (RFC 5737, RFC 2606), which a
// node's warninglists flag and keep out of feeds; those lists are switched off, as in the demo.
process.env.ACCORD_WARNINGLISTS_OFF = 'documentation-ranges,reserved-names';

const ID = 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';

function indicator(modified: string, over: Record<string, unknown> = {}) {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: ID,
    created: '2024-01-01T00:00:00.000Z',
    modified,
    name: 'C2 address',
    pattern: "[ipv4-addr:value = '203.0.113.7']",
    pattern_type: 'stix',
    valid_from: '2024-01-01T00:00:00Z',
    ...over,
  };
}

const bundle = (...objects: unknown[]) => ({
  type: 'bundle',
  id: 'bundle--2a1f3bd4-5c6d-4e7f-8a9b-0c1d2e3f4a5b',
  objects,
});

for (const backend of BACKENDS) {
  describe(`REST objects and bundles on ${backend.name}`, () => {
    let t: TestNode;
    let kz: string;
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      kz = await t.tokenFor('KZ');
    });
    after(() => t.dispose());

    const post = (body: unknown, token = kz) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/bundles',
        headers: bearer(token),
        payload: body as object,
      });

    test('a valid bundle is stored (201) with a per-object report', async () => {
      const r = await post(bundle(indicator('2024-01-01T00:00:00.000Z')));
      assert.equal(r.statusCode, 201, r.body);
      assert.deepEqual(r.json().report, [
        { index: 0, id: ID, modified: '2024-01-01T00:00:00.000Z', status: 'created' },
      ]);
    });

    test('the same bundle again is 200 and stores nothing new', async () => {
      const r = await post(bundle(indicator('2024-01-01T00:00:00.000Z')));
      assert.equal(r.statusCode, 200);
      assert.equal(r.json().report[0].status, 'unchanged');
    });

    test('different content under the same (id, modified) is 409', async () => {
      const r = await post(bundle(indicator('2024-01-01T00:00:00.000Z', { name: 'changed' })));
      assert.equal(r.statusCode, 409);
      assert.equal(r.json().error.code, 'ACCORD_CONFLICT');
      assert.equal(r.json().error.details.report[0].status, 'conflict');
    });

    test('an invalid object is a 400 that names its path; nothing of the bundle is stored', async () => {
      const good = indicator('2024-03-01T00:00:00.000Z');
      const bad = { ...indicator('2024-04-01T00:00:00.000Z'), created: 'yesterday' };
      const r = await post(bundle(good, bad));
      assert.equal(r.statusCode, 400);
      const err = r.json().error;
      assert.equal(err.code, 'ACCORD_VALIDATION');
      assert.equal(err.details.report[0].index, 1);
      assert.equal(err.details.report[0].errors[0].path, '$.objects[1].created');
      const got = await t.app.inject({ url: `/api/v1/objects/${ID}`, headers: bearer(kz) });
      assert.equal(got.json().versions.length, 1, 'the valid object of the refused bundle was stored');
    });

    test('a new version is listed as the object, with every version in the detail', async () => {
      assert.equal((await post(bundle(indicator('2024-02-01T00:00:00.000Z')))).statusCode, 201);
      const list = await t.app.inject({ url: '/api/v1/objects?type=indicator', headers: bearer(kz) });
      assert.equal(list.statusCode, 200);
      const items = list.json().items;
      assert.equal(items.length, 1);
      assert.equal(items[0].object.modified, '2024-02-01T00:00:00.000Z');
      assert.equal(items[0].meta.originator, 'KZ');
      const one = await t.app.inject({ url: `/api/v1/objects/${ID}`, headers: bearer(kz) });
      assert.deepEqual(
        one.json().versions.map((v: { object: { modified: string } }) => v.object.modified),
        ['2024-01-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z'],
      );
    });

    test('keyset paging walks every object once', async () => {
      const many = Array.from({ length: 25 }, (_, i) => ({
        ...indicator('2024-01-01T00:00:00.000Z'),
        id: `indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      }));
      assert.equal((await post(bundle(...many))).statusCode, 201);
      const seen: string[] = [];
      let next: string | null = null;
      do {
        const url: string = `/api/v1/objects?type=indicator&limit=10${next ? `&cursor=${next}` : ''}`;
        const page = await t.app.inject({ url, headers: bearer(kz) });
        assert.equal(page.statusCode, 200, page.body);
        seen.push(...page.json().items.map((i: { object: { id: string } }) => i.object.id));
        next = page.json().next;
      } while (next);
      assert.equal(seen.length, 26);
      assert.equal(new Set(seen).size, 26);

      // Newest first, as the console lists: the same objects, in the reverse order.
      const newest: string[] = [];
      next = null;
      do {
        const url: string = `/api/v1/objects?type=indicator&order=newest&limit=10${next ? `&cursor=${next}` : ''}`;
        const page = await t.app.inject({ url, headers: bearer(kz) });
        assert.equal(page.statusCode, 200, page.body);
        newest.push(...page.json().items.map((i: { object: { id: string } }) => i.object.id));
        next = page.json().next;
      } while (next);
      assert.deepEqual(newest, [...seen].reverse());
      const mixed = await t.app.inject({
        url: `/api/v1/objects?type=indicator&limit=10&cursor=${(await t.app.inject({ url: '/api/v1/objects?type=indicator&limit=10', headers: bearer(kz) })).json().next}&order=newest`,
        headers: bearer(kz),
      });
      assert.equal(mixed.statusCode, 400, 'a cursor belongs to its order');
    });

    test('a body over 1 MiB, read on a worker thread, is stored whole or refused whole alike', async () => {
      // A node of its own: six thousand objects would change what the other tests list.
      const own = await startTestNode(backend, 'KZ');
      const token = await own.tokenFor('KZ');
      const postOwn = (body: unknown) =>
        own.app.inject({
          method: 'POST',
          url: '/api/v1/bundles',
          headers: bearer(token),
          payload: body as object,
        });
      const getOwn = (url: string) => own.app.inject({ url, headers: bearer(token) });
      const many = (bad?: number) =>
        bundle(
          ...Array.from({ length: 6000 }, (_, i) => {
            const hex = i.toString(16).padStart(12, '0');
            return indicator('2024-05-01T00:00:00.000Z', {
              id: `indicator--${hex.slice(0, 8)}-0000-4000-8000-${hex}`,
              created: i === bad ? 'yesterday' : '2024-01-01T00:00:00.000Z',
              pattern: `[ipv4-addr:value = '198.18.${(i >> 8) & 255}.${i & 255}']`,
            });
          }),
        );
      // Over the size from which the route reads on a worker (WORKER_FROM_BYTES).
      assert.ok(Buffer.byteLength(JSON.stringify(many(5999))) >= 1 << 20);
      const refused = await postOwn(many(5999));
      assert.equal(refused.statusCode, 400);
      assert.equal(refused.json().error.details.report[0].errors[0].path, '$.objects[5999].created');
      const first = `/api/v1/objects/indicator--00000000-0000-4000-8000-000000000000`;
      assert.equal((await getOwn(first)).statusCode, 404);
      const stored = await postOwn(many());
      assert.equal(stored.statusCode, 201, stored.body);
      assert.equal(stored.json().created, 6000);
      assert.equal(stored.json().report[5999].status, 'created');
      assert.equal((await getOwn(first)).statusCode, 200);
      await own.dispose();
    });

    test('an unknown object is a 404', async () => {
      const r = await t.app.inject({
        url: '/api/v1/objects/indicator--00000000-0000-4000-8000-ffffffffffff',
        headers: bearer(kz),
      });
      assert.equal(r.statusCode, 404);
    });

    test('a body that is not STIX at all is a 400 saying what was expected', async () => {
      const r = await post({ hello: 'world' });
      assert.equal(r.statusCode, 400);
      assert.match(r.json().error.message, /\$/);
    });
  });
}

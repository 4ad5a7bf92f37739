import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { type AccordNode, initNode } from '../../src/node/node.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { addUser, createToken, microsToIso } from '../../src/store/index.js';
import { ALL, taxiiHeaders } from '../federation/taxii-helpers.js';
import { bearer } from '../helpers/node.js';
import { BACKENDS, tempDir } from '../helpers/stores.js';

// REST cursors and TAXII `next` tokens are sealed by the node: opaque, bound to the query
// and to the user, refused with a clear 400 when edited or used by anyone else, and good
// across a restart and across processes that share the database.

function indicator(n: number, tlp: string) {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: '2025-06-01T00:00:00.000Z',
    modified: '2025-06-01T00:00:00.000Z',
    pattern: `[ipv4-addr:value = '192.0.2.${n}']`,
    pattern_type: 'stix',
    valid_from: '2025-06-01T00:00:00Z',
    object_marking_refs: [tlp],
  };
}

for (const backend of BACKENDS) {
  describe(`sealed cursors on ${backend.name}`, () => {
    const dir = tempDir();
    const store =
      backend.name === 'sqlite'
        ? { url: `sqlite:${dir.path}/accord.sqlite`, dispose: async () => {} }
        : backend.fresh();
    const loc = { data: dir.path, db: store.url };
    let node: AccordNode;
    let app: FastifyInstance;
    const tokens: Record<string, string> = {};
    before(async () => {
      node = (await initNode(loc, { party: 'KZ' })).node;
      app = await buildApp(node);
      for (const [name, party] of [
        ['kz', 'KZ'],
        ['tj', 'TJ'],
        ['tj2', 'TJ'],
      ]) {
        const user = await addUser(node.store.db, {
          party: party!,
          name: `${name}-${randomUUID()}`,
          role: 'analyst',
        });
        tokens[name!] = (await createToken(node.store.db, user, 'test')).token;
      }
      // Green rows TJ sees, with red ones it does not see between them.
      const objects = [];
      for (let i = 0; i < 12; i++) objects.push(indicator(i, i % 2 === 0 ? TLP2_IDS.green : TLP2_IDS.red));
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/bundles',
        headers: bearer(tokens.kz!),
        payload: { type: 'bundle', id: `bundle--${randomUUID()}`, objects },
      });
      assert.equal(r.statusCode, 201, r.body);
    });
    after(async () => {
      await app.close();
      await node.close();
      await store.dispose();
      dir.dispose();
    });

    const list = (a: FastifyInstance, token: string, q: string) =>
      a.inject({ method: 'GET', url: `/api/v1/objects?type=indicator&${q}`, headers: bearer(token) });

    test('a cursor is opaque: neither JSON nor any date_added of the store in the clear', async () => {
      const r = await list(app, tokens.tj!, 'limit=2');
      const cursor: string = r.json().next;
      assert.ok(cursor);
      const bytes = Buffer.from(cursor, 'base64url').toString('latin1');
      assert.throws(() => JSON.parse(bytes));
      const all = await node.store.db.kysely.selectFrom('objects').select('date_added').execute();
      for (const { date_added } of all) {
        assert.ok(!bytes.includes(String(date_added)) && !cursor.includes(String(date_added)));
        assert.ok(!cursor.includes(microsToIso(Number(date_added))));
      }
    });

    test('edited, foreign or replayed against other filters: 400 saying so', async () => {
      const cursor: string = (await list(app, tokens.tj!, 'limit=2')).json().next;
      const raw = Buffer.from(cursor, 'base64url');
      raw[14] = raw[14]! ^ 1;
      const cases: [string, string, string][] = [
        [tokens.tj!, `limit=2&cursor=${raw.toString('base64url')}`, 'edited'],
        [tokens.tj!, 'limit=2&cursor=bm90IGEgY3Vyc29y', 'made up'],
        [tokens.tj2!, `limit=2&cursor=${cursor}`, 'another user of the same Party'],
        [tokens.kz!, `limit=2&cursor=${cursor}`, 'another Party'],
        [tokens.tj!, `limit=2&order=newest&cursor=${cursor}`, 'another order'],
      ];
      for (const [token, q, what] of cases) {
        const r = await list(app, token, q);
        assert.equal(r.statusCode, 400, what);
        assert.equal(r.json().error.code, 'ACCORD_BAD_REQUEST', what);
        assert.match(
          r.json().error.message,
          /cursor .* was not issued by this node for this query and user/,
          what,
        );
      }
      const bad = await app.inject({
        method: 'GET',
        url: '/api/v1/notifications?cursor=bm90IGEgY3Vyc29y',
        headers: bearer(tokens.tj!),
      });
      assert.equal(bad.statusCode, 400, 'exchange lists use the same seal');
    });

    test('TAXII next of another user of the same Party is refused', async () => {
      const r = await app.inject({
        method: 'GET',
        url: `${ALL}/objects/?limit=2`,
        headers: taxiiHeaders(tokens.tj!),
      });
      const next: string = r.json().next;
      assert.ok(next);
      const other = await app.inject({
        method: 'GET',
        url: `${ALL}/objects/?limit=2&next=${next}`,
        headers: taxiiHeaders(tokens.tj2!),
      });
      assert.equal(other.statusCode, 400);
      assert.match(other.json().description ?? other.json().title, /next/);
    });

    test('a cursor survives a restart and is good in another process on the same database', async () => {
      const first = await list(app, tokens.tj!, 'limit=2');
      const cursor: string = first.json().next;
      const expected = (await list(app, tokens.tj!, `limit=2&cursor=${cursor}`)).json().items;
      assert.equal(expected.length, 2);
      const second = (await initNode(loc, { party: 'KZ' })).node;
      const other = await buildApp(second);
      try {
        const r = await list(other, tokens.tj!, `limit=2&cursor=${cursor}`);
        assert.equal(r.statusCode, 200, r.body);
        assert.deepEqual(r.json().items, expected);
      } finally {
        await other.close();
        await second.close();
      }
    });

    test('paging with the cursor walks every visible object once and nothing hidden', async () => {
      const seen: string[] = [];
      let next: string | null = null;
      do {
        const r = await list(app, tokens.tj!, `limit=2${next ? `&cursor=${next}` : ''}`);
        assert.equal(r.statusCode, 200);
        for (const i of r.json().items) {
          assert.deepEqual(i.object.object_marking_refs, [TLP2_IDS.green]);
          seen.push(i.object.id);
        }
        next = r.json().next;
      } while (next);
      assert.equal(seen.length, 6);
      assert.equal(new Set(seen).size, 6);
    });
  });
}

// Article 10 limits over HTTP, on both stores: the attacks of issue 12 get a 4xx in the
// catalogue's shape at the door, and a row that got past an older door (written straight
// into the database here) cannot take lookups down after a restart.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { importStix } from '../../src/node/ingest.js';
import { type AccordNode, initNode, openNode } from '../../src/node/node.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { addUser, createToken, type Role } from '../../src/store/index.js';
import { ALL } from '../federation/taxii-helpers.js';
import { bearer } from '../helpers/node.js';
import { BACKENDS, tempDir } from '../helpers/stores.js';

const T = '2026-01-10T08:00:00.000Z';
const indicator = (pattern: string, extra: Record<string, unknown> = {}) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--${randomUUID()}`,
  created: T,
  modified: T,
  name: 'limits',
  pattern,
  pattern_type: 'stix',
  valid_from: T,
  object_marking_refs: [TLP2_IDS.green],
  ...extra,
});
const bundleText = (objectText: string) =>
  `{"type":"bundle","id":"bundle--${randomUUID()}","objects":[${objectText}]}`;

/** An indicator's JSON with a custom property nested `depth` objects deep, built as text. */
function deepIndicatorText(depth: number): string {
  const head = JSON.stringify(indicator("[ipv4-addr:value = '192.0.2.1']")).slice(0, -1);
  return `${head},"x_deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
}

type Error4xx = { error: { code: string; message: string; details?: { path: string }[] } };

for (const backend of BACKENDS) {
  describe(`limits at the door and after a restart (${backend.name})`, () => {
    const dir = tempDir();
    const store = backend.fresh();
    let node: AccordNode;
    let app: FastifyInstance;
    let analyst: string;
    let admin: string;

    const token = async (party: string, role: Role) => {
      const user = await addUser(node.store.db, { party, name: `u-${randomUUID().slice(0, 8)}`, role });
      return (await createToken(node.store.db, user, 'test')).token;
    };
    const post = (url: string, payload: string, type = 'application/json') =>
      app.inject({ method: 'POST', url, headers: { ...bearer(analyst), 'content-type': type }, payload });

    before(async () => {
      node = (await initNode({ data: dir.path, db: store.url }, { party: 'KZ' })).node;
      app = await buildApp(node, { webRoot: false });
      analyst = await token('KZ', 'analyst');
      admin = await token('KZ', 'admin');
    });
    after(async () => {
      await app.close();
      await node.close();
      await store.dispose();
      dir.dispose();
    });

    test('deep custom properties answer 400 with the path, also just under the old breaking point', async () => {
      for (const depth of [6_000, 5_999, 100]) {
        const r = await post('/api/v1/bundles', bundleText(deepIndicatorText(depth)));
        assert.equal(r.statusCode, 400, `depth ${depth}: ${r.body.slice(0, 200)}`);
        const body = r.json() as Error4xx;
        assert.equal(body.error.code, 'ACCORD_LIMIT_EXCEEDED');
        assert.match(
          body.error.message,
          /^\$\.objects\[0\]\.x_deep(\.a)+ in the request body: .*nest at most 64/,
        );
        assert.match(body.error.details?.[0]?.path ?? '', /^\$\.objects\[0\]\.x_deep/);
      }
      const fine = await post('/api/v1/bundles', bundleText(deepIndicatorText(20)));
      assert.equal(fine.statusCode, 201, fine.body.slice(0, 300));
    });

    test('a lone surrogate, in a value or a property name, is refused with its path', async () => {
      const value = JSON.stringify(indicator("[ipv4-addr:value = '192.0.2.2']", { name: 'PLACEHOLDER' }));
      for (const [text, path] of [
        [value.replace('PLACEHOLDER', 'bad \\ud800 name'), '$.objects[0].name'],
        [value.replace('"name"', '"x_\\udc00"'), "$.objects[0]['x_\udc00']"],
      ] as const) {
        const r = await post('/api/v1/bundles', bundleText(text));
        assert.equal(r.statusCode, 400, r.body.slice(0, 200));
        const body = r.json() as Error4xx;
        assert.equal(body.error.code, 'ACCORD_VALIDATION');
        assert.equal(body.error.details?.[0]?.path, path);
        assert.match(body.error.message, /unpaired UTF-16 surrogate \\ud800|\\udc00/);
      }
    });

    test('patterns nested 5,000 deep or with 1,000 observations are refused with a position', async () => {
      const deep = `${'('.repeat(5_000)}[ipv4-addr:value = '192.0.2.3']${')'.repeat(5_000)}`;
      const many = Array.from({ length: 1_000 }, (_, i) => `[ipv4-addr:value = '10.1.${i >> 8}.${i & 255}']`);
      for (const [pattern, why] of [
        [deep, /nest at most 64 deep in a pattern at 1:64/],
        [many.join(' AND '), /at most 256 observation expressions/],
      ] as const) {
        const r = await post('/api/v1/bundles', bundleText(JSON.stringify(indicator(pattern))));
        assert.equal(r.statusCode, 400, r.body.slice(0, 200));
        assert.match(JSON.stringify(r.json()), why);
      }
    });

    test('TAXII POST holds the same door', async () => {
      const envelope = `{"objects":[${deepIndicatorText(6_000)}]}`;
      const r = await app.inject({
        method: 'POST',
        url: `${ALL}/objects/`,
        headers: {
          ...bearer(analyst),
          accept: 'application/taxii+json;version=2.1',
          'content-type': 'application/taxii+json;version=2.1',
        },
        payload: envelope,
      });
      assert.equal(r.statusCode, 400, r.body.slice(0, 200));
      assert.match(r.body, /nest at most 64/);
    });

    test('?q=%00%00 is refused, never a match of every object', async () => {
      const r = await app.inject({ url: '/api/v1/objects?q=%00%00', headers: bearer(analyst) });
      assert.equal(r.statusCode, 400);
      assert.match(
        (r.json() as Error4xx).error.message,
        /\$querystring\.q must not contain control characters; found U\+0000/,
      );
      const tab = await app.inject({ url: '/api/v1/objects?q=a%09b', headers: bearer(analyst) });
      assert.equal(tab.statusCode, 400);
      const ok = await app.inject({ url: '/api/v1/objects?q=limits', headers: bearer(analyst) });
      assert.equal(ok.statusCode, 200);
    });

    test('a poisoned stored row is skipped and reported after a restart; lookups keep working', async () => {
      const good = indicator("[ipv4-addr:value = '203.0.113.9']");
      const victim = indicator("[ipv4-addr:value = '203.0.113.10']");
      const slow = indicator("[ipv4-addr:value = '203.0.113.11']");
      const nested = indicator("[ipv4-addr:value = '203.0.113.12']");
      const imported = await importStix(
        node,
        { party: 'KZ', sourceNode: node.settings.nodeId },
        {
          type: 'bundle',
          id: `bundle--${randomUUID()}`,
          objects: [good, victim, slow, nested],
        },
      );
      assert.ok(imported.ok);
      // As an older version would have stored them: 5,000 parentheses, and 100,000 IN values.
      const deep = `${'('.repeat(5_000)}[ipv4-addr:value = '203.0.113.10']${')'.repeat(5_000)}`;
      const values = Array.from(
        { length: 100_000 },
        (_, i) => `'10.${i >> 16}.${(i >> 8) & 255}.${i & 255}'`,
      );
      const kysely = node.store.db.kysely;
      const rows: [string, string][] = [
        [victim.id, JSON.stringify({ ...victim, pattern: deep })],
        [slow.id, JSON.stringify({ ...slow, pattern: `[ipv4-addr:value IN (${values.join(', ')})]` })],
        [
          nested.id,
          `${JSON.stringify(nested).slice(0, -1)},"x_deep":${'{"a":'.repeat(5_999)}1${'}'.repeat(5_999)}}`,
        ],
      ];
      for (const [id, json] of rows) {
        await kysely.updateTable('objects').set({ json }).where('id', '=', id).execute();
      }
      // Restart: a new process would open the store afresh and rebuild the index.
      await app.close();
      await node.close();
      node = await openNode({ data: dir.path, db: store.url });
      app = await buildApp(node, { webRoot: false });

      const t0 = Date.now();
      const health = app.inject({ url: '/healthz' });
      const lookup = await app.inject({
        method: 'POST',
        url: '/api/v1/lookup',
        headers: bearer(analyst),
        payload: { values: ['203.0.113.9', '203.0.113.10'] },
      });
      assert.ok(Date.now() - t0 < 10_000, 'the index was built in seconds');
      assert.equal((await health).statusCode, 200);
      assert.equal(lookup.statusCode, 200, lookup.body.slice(0, 300));
      const [hit, miss] = (lookup.json() as { results: { known: boolean }[] }).results;
      assert.equal(hit?.known, true);
      assert.equal(miss?.known, false);

      const ready = await app.inject({ url: '/readyz' });
      assert.equal(ready.statusCode, 200);
      // What the index holds and skipped speaks of hidden objects too: only the node's own
      // administrators learn it; a probe learns that the node is ready.
      assert.deepEqual(ready.json(), { status: 'ready', store: ready.json().store });

      const asAdmin = await app.inject({ url: '/readyz', headers: bearer(admin) });
      const objects = (
        asAdmin.json() as { index: { unreadable: { objects: { id: string; reason: string }[] } } }
      ).index.unreadable.objects;
      assert.deepEqual(objects.map((o) => o.id).sort(), [victim.id, slow.id, nested.id].sort());
      assert.match(
        objects.find((o) => o.id === victim.id)!.reason,
        /pattern cannot be read: .*nest at most 64 deep/,
      );
      assert.match(
        objects.find((o) => o.id === nested.id)!.reason,
        /^\$\.x_deep(\.a)+: arrays and objects may nest/,
      );

      // The deep row is served to nobody, its originator included, and never breaks a read.
      const one = await app.inject({ url: `/api/v1/objects/${nested.id}`, headers: bearer(analyst) });
      assert.equal(one.statusCode, 404, one.body);
      const list = await app.inject({ url: '/api/v1/objects?limit=100', headers: bearer(analyst) });
      assert.equal(list.statusCode, 200, list.body);
      assert.ok(!list.body.includes(nested.id));
      assert.ok(list.body.includes(good.id));
      const taxii = await app.inject({
        url: '/taxii2/accord/collections/all/objects/',
        headers: { ...bearer(analyst), accept: 'application/taxii+json;version=2.1' },
      });
      assert.equal(taxii.statusCode, 200, taxii.body);
      assert.ok(!taxii.body.includes(nested.id));
    });
  });
}

describe('framework errors answer in the catalogue shape', () => {
  const dir = tempDir();
  const store = BACKENDS[0]!.fresh();
  let node: AccordNode;
  let app: FastifyInstance;
  let port = 0;

  before(async () => {
    node = (await initNode({ data: dir.path, db: store.url }, { party: 'KZ' })).node;
    app = await buildApp(node, { webRoot: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as net.AddressInfo).port;
  });
  after(async () => {
    await app.close();
    await node.close();
    await store.dispose();
    dir.dispose();
  });

  function raw(request: string): Promise<{ status: number; body: unknown }> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
      let out = '';
      socket.setEncoding('utf8');
      socket.on('data', (d) => {
        out += d;
      });
      socket.on('error', reject);
      socket.on('close', () => {
        const status = Number(out.split(' ', 2)[1]);
        resolve({ status, body: JSON.parse(out.slice(out.indexOf('\r\n\r\n') + 4)) });
      });
    });
  }

  const cases: [string, string, number, string][] = [
    ['not HTTP at all', 'GARBAGE\r\n\r\n', 400, 'ACCORD_BAD_REQUEST'],
    [
      'a bad Content-Length',
      'POST /api/v1/bundles HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
      400,
      'ACCORD_BAD_REQUEST',
    ],
    [
      'headers over 16 KiB',
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'ACCORD_HEADERS_TOO_LARGE',
    ],
    [
      'a URL over 8 KiB',
      `GET /healthz?${'a'.repeat(9_000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      414,
      'ACCORD_URI_TOO_LONG',
    ],
    [
      'a URL that does not decode',
      'GET /api/v1/objects/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      400,
      'ACCORD_BAD_REQUEST',
    ],
    [
      'a body that is not JSON',
      'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi',
      415,
      'ACCORD_UNSUPPORTED_MEDIA_TYPE',
    ],
  ];
  for (const [what, request, status, code] of cases) {
    test(what, async () => {
      const r = await raw(request);
      assert.equal(r.status, status);
      const body = r.body as Error4xx;
      assert.equal(body.error.code, code);
      assert.ok(body.error.message.length > 10, body.error.message);
    });
  }

  test('a body over the limit is 413 in the same shape', async () => {
    const small = await buildApp(node, { webRoot: false, bodyLimit: 1024 });
    const r = await small.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2048), password: 'y' }),
    });
    await small.close();
    assert.equal(r.statusCode, 413);
    assert.equal((r.json() as Error4xx).error.code, 'ACCORD_PAYLOAD_TOO_LARGE');
  });
});

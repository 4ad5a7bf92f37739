import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { TaxiiClient, TaxiiClientError } from '../../src/federation/taxii-client.js';
import { ALL_OBJECTS_ID } from '../../src/http/taxii/collections.js';
import { startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';
import { indicator, PUBLISHED_IDS, postObjects } from './taxii-helpers.js';

const N = 250;

for (const backend of BACKENDS) {
  describe(`TaxiiClient against a live Accord server on ${backend.name}`, () => {
    let t: TestNode;
    let client: TaxiiClient;
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      const token = await t.tokenFor('KZ');
      const objects = Array.from({ length: N }, (_, i) => indicator(i));
      assert.equal((await postObjects(t.app, token, objects)).json().success_count, N);
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      client = new TaxiiClient({ discoveryUrl: `${address}/taxii2/`, token });
    });
    after(() => t.dispose());

    test('discovery and collections', async () => {
      assert.match(await client.apiRoot(), /\/taxii2\/accord\/$/);
      const cs = await client.collections();
      assert.ok(cs.some((c) => c.id === ALL_OBJECTS_ID && c.can_read && c.can_write));
    });

    test(`pages ${N} objects with limit 100 following next, each exactly once`, async () => {
      const seen: string[] = [];
      const sizes: number[] = [];
      for await (const page of client.pageObjects(ALL_OBJECTS_ID, {
        limit: 100,
        match: { type: 'indicator' },
      })) {
        sizes.push(page.items.length);
        seen.push(...page.items.map((o) => o.id as string));
      }
      assert.deepEqual(sizes, [100, 100, 50]);
      assert.equal(new Set(seen).size, N);
    });

    test('added_after resumes from a checkpoint', async () => {
      const first = await client.pageObjects(ALL_OBJECTS_ID, { limit: 100 }).next();
      const checkpoint = first.value!.dateAddedLast!;
      let rest = 0;
      for await (const page of client.pageObjects(ALL_OBJECTS_ID, { addedAfter: checkpoint, limit: 100 }))
        rest += page.items.length;
      // The first page began with the definitions Accord publishes, so it held fewer indicators.
      assert.equal(rest, N - 100 + PUBLISHED_IDS.size);
    });

    test('manifest and versions', async () => {
      const m = await client.manifest(ALL_OBJECTS_ID, { limit: 10, match: { type: 'indicator' } });
      assert.equal(m.items.length, 10);
      assert.equal(m.more, true);
      const v = await client.versions(ALL_OBJECTS_ID, m.items[0]!.id);
      assert.deepEqual(v.items, ['2024-01-01T00:00:00.000000Z']);
    });

    test('postObjects returns a status that waitForStatus confirms complete', async () => {
      const s = await client.postObjects(ALL_OBJECTS_ID, [indicator(N + 1)]);
      assert.equal(s.success_count, 1);
      const done = await client.waitForStatus(s.id, { intervalMs: 1 });
      assert.equal(done.status, 'complete');
    });

    test('a TAXII error comes back as a TaxiiClientError with the server message', async () => {
      await assert.rejects(client.manifest('no-such-collection'), (e: unknown) => {
        assert.ok(e instanceof TaxiiClientError);
        assert.equal(e.status, 404);
        assert.match(e.message, /Not Found/);
        return true;
      });
    });
  });
}

describe('TaxiiClient backs off on 429 and 5xx', () => {
  let server: Server;
  let base: string;
  let script: { status: number; headers?: Record<string, string> }[] = [];
  let hits = 0;
  before(async () => {
    server = createServer((_req, res) => {
      const step = script[Math.min(hits, script.length - 1)]!;
      hits++;
      res.writeHead(step.status, { 'content-type': 'application/taxii+json;version=2.1', ...step.headers });
      res.end(JSON.stringify(step.status === 200 ? { title: 'ok', api_roots: [] } : { title: 'busy' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/taxii2/`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function clientWith(waits: number[], maxRetries = 5) {
    return new TaxiiClient({
      discoveryUrl: base,
      token: 't',
      maxRetries,
      random: () => 0.5,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
  }

  test('429 with Retry-After: waits as told, then succeeds', async () => {
    script = [{ status: 429, headers: { 'retry-after': '2' } }, { status: 200 }];
    hits = 0;
    const waits: number[] = [];
    assert.equal((await clientWith(waits).discovery()).title, 'ok');
    assert.equal(hits, 2);
    assert.deepEqual(waits, [2000]);
  });

  test('5xx without Retry-After: exponential backoff with jitter', async () => {
    script = [{ status: 503 }, { status: 502 }, { status: 500 }, { status: 200 }];
    hits = 0;
    const waits: number[] = [];
    await clientWith(waits).discovery();
    assert.equal(hits, 4);
    assert.deepEqual(waits, [125, 250, 500], 'half (the jitter) of 250, 500, 1000 ms');
  });

  test('retries are bounded: the last error is reported', async () => {
    script = [{ status: 503 }];
    hits = 0;
    const waits: number[] = [];
    await assert.rejects(
      clientWith(waits, 2).discovery(),
      (e: unknown) => e instanceof TaxiiClientError && e.status === 503,
    );
    assert.equal(hits, 3);
  });

  test('a 4xx other than 429 is not retried', async () => {
    script = [{ status: 404 }];
    hits = 0;
    await assert.rejects(clientWith([]).discovery(), TaxiiClientError);
    assert.equal(hits, 1);
  });
});

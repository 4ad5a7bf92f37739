import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { importMispEvents } from '../../src/intel/misp/import-misp.js';
import { mispEvents } from '../../src/intel/misp/misp-shape.js';
import { listAudit } from '../../src/store/index.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

// Values here come from the documentation ranges and names (RFC 5737, RFC 2606), which a
// node's warninglists flag and keep out of feeds; those lists are switched off, as in the demo.
process.env.ACCORD_WARNINGLISTS_OFF = 'documentation-ranges,reserved-names';

// /feeds/misp/ as a MISP instance subscribed to it reads it: the event a Party may receive,
// with exactly the attributes it may receive, and nothing for a Party outside the sharing group.
const FIXTURE = new URL('./fixtures/misp/event-apt.json', import.meta.url).pathname;
const EVENT = '7f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

for (const backend of BACKENDS) {
  describe(`/feeds/misp/ (${backend.name})`, () => {
    let t: TestNode;
    let by = '';
    let kg = '';
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      const doc = JSON.parse(readFileSync(FIXTURE, 'utf8'));
      const r = await importMispEvents(
        t.node,
        { party: 'KZ', sourceNode: t.node.settings.nodeId },
        mispEvents(doc),
      );
      assert.equal(r.ok, true, JSON.stringify(r.report.filter((e) => e.errors)));
      by = await t.tokenFor('BY');
      kg = await t.tokenFor('KG');
    });
    after(() => t.dispose());
    const get = (token: string, url: string, headers: Record<string, string> = {}) =>
      t.app.inject({ url, headers: { ...bearer(token), ...headers } });

    test('a Party in the sharing group gets the event, less what was for KZ alone', async () => {
      const manifest = await get(by, '/feeds/misp/manifest.json');
      assert.equal(manifest.statusCode, 200, manifest.body);
      assert.deepEqual(Object.keys(manifest.json()), [EVENT]);
      const event = (await get(by, `/feeds/misp/${EVENT}.json`)).json().Event;
      const values = event.Attribute.map((a: { value: string }) => a.value);
      assert.ok(values.includes('203.0.113.45'));
      assert.ok(
        !values.some((v: string) => v.startsWith('http://update-energo-portal')),
        'the URL was "your organisation only" (REL TO KZ) and TLP:RED',
      );
      const hashes = (await get(by, '/feeds/misp/hashes.csv')).body;
      const md5 = createHash('md5').update('203.0.113.45').digest('hex');
      assert.ok(hashes.includes(`${md5},${EVENT}\n`));
      const audit = await listAudit(t.node.store.db, { action: 'disclosure', limit: 1000 });
      assert.ok(audit.some((e) => JSON.stringify(e.details).includes('"channel":"feed"')));
    });

    test('a Party outside the sharing group gets an empty feed, and 404 for the event', async () => {
      assert.deepEqual((await get(kg, '/feeds/misp/manifest.json')).json(), {});
      const r = await get(kg, `/feeds/misp/${EVENT}.json`);
      assert.equal(r.statusCode, 404);
      assert.equal(r.json().error.code, 'ACCORD_NOT_FOUND');
      assert.equal((await get(kg, '/feeds/misp/passwd')).statusCode, 404);
    });

    test('ETag and If-None-Match: 304 while nothing changed', async () => {
      const first = await get(by, '/feeds/misp/manifest.json');
      const etag = String(first.headers.etag);
      assert.equal((await get(by, '/feeds/misp/manifest.json', { 'if-none-match': etag })).statusCode, 304);
    });
  });
}

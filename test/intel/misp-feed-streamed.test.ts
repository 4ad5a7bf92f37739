import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { importMispEvents } from '../../src/intel/misp/import-misp.js';
import { mispFeedPieces } from '../../src/intel/misp/misp-feed-service.js';
import { derivedUuid } from '../../src/intel/misp/misp-ids.js';
import { mispEvents } from '../../src/intel/misp/misp-shape.js';
import { partyAudience } from '../../src/node/disclosure.js';
import { importStix } from '../../src/node/ingest.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { listAudit } from '../../src/store/index.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

process.env.ACCORD_WARNINGLISTS_OFF = 'documentation-ranges,reserved-names';

// A MISP feed is walked, not built whole: one event's file discloses (and audits) that event
// alone, and a feed of thousands of events comes out a batch at a time.
const FIXTURE = new URL('./fixtures/misp/event-apt.json', import.meta.url).pathname;
const EVENT = '7f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const MANY = 5000;
const LOOSE = derivedUuid('accord-misp-indicators', 'KZ');

type Json = Record<string, unknown>;
const pad = (i: number) => String(i).padStart(12, '0');
const stamp = '2026-05-01T00:00:00.000Z';

function indicator(i: number, value: string): Json {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--b0000000-0000-4000-8000-${pad(i)}`,
    created: stamp,
    modified: stamp,
    name: value,
    pattern: `[domain-name:value = '${value}']`,
    pattern_type: 'stix',
    valid_from: stamp,
    object_marking_refs: [TLP2_IDS.green],
  };
}

function report(i: number): Json {
  return {
    type: 'report',
    spec_version: '2.1',
    id: `report--a0000000-0000-4000-8000-${pad(i)}`,
    created: stamp,
    modified: stamp,
    name: `wave ${i}`,
    published: stamp,
    object_refs: [`indicator--b0000000-0000-4000-8000-${pad(i)}`],
    object_marking_refs: [TLP2_IDS.green],
  };
}

for (const backend of BACKENDS) {
  describe(`MISP feed, walked (${backend.name})`, () => {
    let t: TestNode;
    let by = '';
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      const who = { party: 'KZ', sourceNode: t.node.settings.nodeId };
      const r = await importMispEvents(t.node, who, mispEvents(JSON.parse(readFileSync(FIXTURE, 'utf8'))));
      assert.equal(r.ok, true, JSON.stringify(r.report.filter((e) => e.errors)));
      const objects: Json[] = [];
      for (let i = 0; i < MANY; i++) objects.push(indicator(i, `host-${i}.wave.example`), report(i));
      // Three indicators no report cites: KZ's loose event.
      for (let i = MANY; i < MANY + 3; i++) objects.push(indicator(i, `loose-${i}.wave.example`));
      const b = await importStix(t.node, who, {
        type: 'bundle',
        id: 'bundle--c0000000-0000-4000-8000-000000000000',
        objects,
      });
      assert.equal(b.ok, true, JSON.stringify(b.report.filter((e) => e.errors).slice(0, 3)));
      by = await t.tokenFor('BY');
    });
    after(() => t.dispose());

    const get = (url: string, headers: Record<string, string> = {}) =>
      t.app.inject({ url, headers: { ...bearer(by), ...headers } });
    const lastSeq = async () => (await listAudit(t.node.store.db, { limit: 1_000_000 })).at(-1)?.seq ?? 0;
    /** Ids of the object versions the audit log says were disclosed after `seq`. */
    const disclosedAfter = async (seq: number) => {
      const entries = await listAudit(t.node.store.db, { action: 'disclosure', after: seq, limit: 100_000 });
      return entries.flatMap((e) => ((e.details as Json).objects as { id: string }[]).map((o) => o.id));
    };

    test("one event's file discloses that event's objects and nothing else", async () => {
      const before = await lastSeq();
      const r = await get(`/feeds/misp/${EVENT}.json`);
      assert.equal(r.statusCode, 200, r.body);
      const ev = r.json().Event;
      const ids = await disclosedAfter(before);
      assert.ok(ids.includes(`report--${EVENT}`), 'the event itself');
      assert.ok(!ids.some((id) => id.startsWith('report--a0000000')), 'no other report');
      assert.ok(!ids.some((id) => id.startsWith('indicator--b0000000')), "no other event's indicator");
      // Every attribute made from an indicator is audited, and no indicator beyond them.
      const toIds = [...ev.Attribute, ...ev.Object.flatMap((o: Json) => o.Attribute as Json[])].filter(
        (a: Json) => a.to_ids === true,
      );
      const audited = ids.filter((id) => id.startsWith('indicator--'));
      assert.deepEqual(
        new Set(audited),
        new Set(toIds.map((a: Json) => `indicator--${a.uuid}`)),
        'the audited indicators are the attributes sent',
      );
      assert.ok(
        ids.every(
          (id) => !id.startsWith('grouping--') || ev.Object.some((o: Json) => id.endsWith(String(o.uuid))),
        ),
      );
    });

    test('a loose event streams as JSON, disclosing only its own indicators', async () => {
      const before = await lastSeq();
      const r = await get(`/feeds/misp/${LOOSE}.json`);
      assert.equal(r.statusCode, 200, r.body.slice(0, 200));
      const ev = r.json().Event;
      assert.equal(ev.uuid, LOOSE);
      assert.deepEqual(
        ev.Attribute.map((a: Json) => a.value).sort(),
        [MANY, MANY + 1, MANY + 2].map((i) => `loose-${i}.wave.example`),
      );
      assert.match(ev.timestamp, /^\d+$/);
      const ids = await disclosedAfter(before);
      assert.deepEqual(
        ids.filter((id) => id.startsWith('indicator--')).sort(),
        [MANY, MANY + 1, MANY + 2].map((i) => `indicator--b0000000-0000-4000-8000-${pad(i)}`),
      );
      assert.ok(!ids.some((id) => id.startsWith('report--')), 'the reports were read, not sent');
    });

    test(`a feed of ${MANY} events comes out a batch at a time`, async () => {
      const before = await lastSeq();
      const pieces = mispFeedPieces(t.node, partyAudience('BY'));
      const first = await pieces.next();
      assert.equal(first.done, false);
      // Only the first batch has been built (and disclosed) when the first event is handed on.
      const early = (await disclosedAfter(before)).filter((id) => id.startsWith('report--'));
      assert.ok(
        early.length > 0 && early.length <= 100,
        `${early.length} reports disclosed before the first event`,
      );
      let events = 1;
      for await (const p of pieces) if ('event' in p || 'shell' in p) events++;
      assert.equal(events, MANY + 2, 'every report, the MISP event, and the loose event');
    });

    test('manifest.json and hashes.csv list every event, and a 304 follows', async () => {
      const m = await get('/feeds/misp/manifest.json');
      assert.equal(m.statusCode, 200);
      const manifest = m.json();
      assert.equal(Object.keys(manifest).length, MANY + 2);
      assert.equal(manifest['a0000000-0000-4000-8000-000000004999'].info, 'wave 4999');
      assert.match(manifest[LOOSE].timestamp, /^\d+$/);
      const h = await get('/feeds/misp/hashes.csv');
      const lines = h.body.split('\n').filter(Boolean);
      assert.ok(lines.length >= MANY + 3);
      assert.ok(lines.every((l) => /^[0-9a-f]{32},[0-9a-f-]{36}$/.test(l)));
      const again = await get('/feeds/misp/manifest.json', { 'if-none-match': String(m.headers.etag) });
      assert.equal(again.statusCode, 304);
    });
  });
}

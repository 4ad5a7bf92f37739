import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TLP2_IDS } from '../../src/policy/tlp.js';
import { runCli } from '../helpers/cli.js';
import { BACKENDS, tempDir } from '../helpers/stores.js';

// Values here come from the documentation ranges and names (RFC 5737, RFC 2606), which a
// node's warninglists flag and keep out of feeds; those lists are switched off, as in the demo.
process.env.ACCORD_WARNINGLISTS_OFF = 'documentation-ranges,reserved-names';

const FIXTURE = new URL('./fixtures/misp/event-apt.json', import.meta.url).pathname;
const EVENT_UUID = '7f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

// biome-ignore lint/suspicious/noExplicitAny: test reads of free-form JSON
type Json = Record<string, any>;

function one(list: readonly Json[], pred: (o: Json) => boolean): Json {
  const found = list.find(pred);
  assert.ok(found, `no object matches ${pred}`);
  return found;
}

/** What a MISP analyst compares: attributes with their tags and flags, objects, galaxies, sharing. */
function essentials(event: Json) {
  const attr = (a: Json) => ({
    type: a.type,
    value: a.value,
    to_ids: a.to_ids,
    tags: (a.Tag ?? []).map((t: Json) => t.name).sort(),
    sightings: (a.Sighting ?? []).length,
    galaxies: (a.Galaxy ?? []).map((g: Json) => g.GalaxyCluster[0].value),
  });
  const byValue = (x: { value: string }, y: { value: string }) => x.value.localeCompare(y.value);
  return {
    info: event.info,
    tags: event.Tag.map((t: Json) => t.name).sort(),
    distribution: event.distribution,
    sharing: (event.SharingGroup?.SharingGroupOrg ?? []).map((o: Json) => o.Organisation.name).sort(),
    attributes: event.Attribute.map(attr).sort(byValue),
    objects: event.Object.map((o: Json) => ({
      name: o.name,
      attributes: o.Attribute.map(attr).sort(byValue),
      references: (o.ObjectReference ?? []).map((r: Json) => r.relationship_type).sort(),
    })),
    galaxies: event.Galaxy.map((g: Json) => `${g.type}:${g.GalaxyCluster[0].value}`).sort(),
  };
}

for (const backend of BACKENDS) {
  describe(`MISP in and out on ${backend.name}`, () => {
    const dirs = [tempDir(), tempDir()];
    const stores = [backend.fresh(), backend.fresh()];
    const node = (i: number) => [
      '--data',
      dirs[i]!.path,
      '--db',
      backend.name === 'sqlite' ? `sqlite:${dirs[i]!.path}/a.sqlite` : stores[i]!.url,
    ];
    let imported: Json;
    let stix: Json[];

    before(async () => {
      for (const i of [0, 1]) assert.equal((await runCli(['init', '--party', 'KZ', ...node(i)])).code, 0);
      const r = await runCli(['import', '--json', ...node(0), FIXTURE]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      imported = JSON.parse(r.stdout)[0];
      stix = JSON.parse((await runCli(['export', ...node(0)])).stdout).objects;
    });
    after(async () => {
      for (const s of stores) await s.dispose();
      for (const d of dirs) d.dispose();
    });

    test('the event is a report by its creator organisation, with indicators only where to_ids is set', () => {
      const report = one(stix, (o) => o.id === `report--${EVENT_UUID}`);
      assert.ok(report, 'the event became a report under its own uuid');
      const creator = one(stix, (o) => o.id === report.created_by_ref);
      assert.equal(creator.name, 'CERT-Energy-Coordination');
      const patterns = stix.filter((o) => o.type === 'indicator').map((o) => o.pattern);
      assert.ok(patterns.includes("[ipv4-addr:value = '203.0.113.45']"));
      assert.ok(patterns.includes("[ipv4-addr:value = '198.51.100.23' AND network-traffic:dst_port = 8443]"));
      assert.ok(!patterns.some((p) => p.includes('9f86d081')), 'a to_ids=false hash is no indicator');
      assert.ok(stix.some((o) => o.type === 'file' && o.hashes?.['SHA-256']?.startsWith('9f86d081')));
      assert.ok(!patterns.some((p) => p.includes('8.8.8.8')), 'a deleted attribute is not imported');
    });

    test('TLP tags become TLP 2.0, the most restrictive winning, white read as clear', () => {
      const ind = (v: string) => one(stix, (o) => o.type === 'indicator' && o.name === v);
      assert.ok(ind('203.0.113.45').object_marking_refs.includes(TLP2_IDS['amber+strict']));
      assert.ok(ind('update-energo-portal.example').object_marking_refs.includes(TLP2_IDS.amber));
      assert.ok(ind('billing@energo-tariffs.example').object_marking_refs.includes(TLP2_IDS.green));
      const file = one(stix, (o) => o.type === 'file' && o.hashes?.['SHA-256']?.startsWith('9f86d081'));
      assert.ok(file.object_marking_refs.includes(TLP2_IDS.clear));
    });

    test('the sharing group and "your organisation only" become REL TO markings', () => {
      const relOf = (o: Json) =>
        o.object_marking_refs
          .map((id: string) => stix.find((m) => m.id === id))
          .find((m: Json | undefined) => m?.name?.startsWith('REL TO'))?.name;
      const report = one(stix, (o) => o.id === `report--${EVENT_UUID}`);
      assert.equal(relOf(report), 'REL TO BY, KZ, identity--1e2d3c4b-5a69-4877-a695-b4c3d2e1f0a9');
      const url = one(stix, (o) => o.type === 'indicator' && o.pattern.startsWith('[url:'));
      assert.equal(relOf(url), 'REL TO KZ');
      assert.ok(url.object_marking_refs.includes(TLP2_IDS.red));
    });

    test('objects, references, sightings and galaxy clusters have their STIX counterparts', () => {
      const grouping = one(stix, (o) => o.type === 'grouping' && o.name === 'file');
      assert.equal(grouping.object_refs.length, 2, 'filename and sha256; size-in-bytes is a note');
      const rel = one(stix, (o) => o.type === 'relationship' && o.relationship_type === 'communicates-with');
      assert.equal(rel.source_ref, grouping.id);
      const sighting = one(stix, (o) => o.type === 'sighting');
      assert.equal(sighting.sighting_of_ref, 'indicator--a1b2c3d4-0001-4a5b-8c6d-7e8f90a1b2c3');
      assert.equal(one(stix, (o) => o.id === sighting.where_sighted_refs[0]).name, 'KZ-CERT');
      assert.deepEqual(one(stix, (o) => o.type === 'threat-actor').aliases, ['Sandworm Team', 'Voodoo Bear']);
      const ap = one(stix, (o) => o.type === 'attack-pattern');
      assert.equal(ap.name, 'Spearphishing Attachment');
      assert.equal(ap.external_references[0].external_id, 'T1566.001');
      assert.ok(stix.some((o) => o.type === 'vulnerability' && o.name === 'CVE-2025-21001'));
    });

    test('what cannot be mapped is listed and kept as a note, never dropped', () => {
      const unmapped = imported.misp.unmapped as Json[];
      const whats = unmapped.map((u) => u.what);
      for (const w of ['attribute btc', 'attribute size-in-bytes', 'object reference', 'sighting'])
        assert.ok(whats.includes(w), `${w} is listed`);
      assert.ok(whats.some((w) => w.startsWith('galaxy cluster ukraine')));
      for (const u of unmapped.filter((x) => x.note)) {
        const note = one(stix, (o) => o.id === u.note);
        assert.ok(note, `${u.path} is kept as ${u.note}`);
        assert.ok(note.object_refs.includes(`report--${EVENT_UUID}`));
      }
      const btc = one(stix, (o) => o.id === unmapped.find((u) => u.what === 'attribute btc')!.note);
      assert.match(btc.content, /bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq/);
    });

    test('MISP → MISP feed → MISP keeps attributes, tags, objects, galaxies and sharing', async () => {
      const out1 = join(dirs[0]!.path, 'feed1');
      assert.equal((await runCli(['export', '--format', 'misp-feed', '--out', out1, ...node(0)])).code, 0);
      assert.deepEqual(readdirSync(out1).sort(), [`${EVENT_UUID}.json`, 'hashes.csv', 'manifest.json']);
      const manifest = JSON.parse(readFileSync(join(out1, 'manifest.json'), 'utf8'));
      assert.equal(
        manifest[EVENT_UUID].info,
        'Spear-phishing wave against energy-sector operators, October 2025',
      );
      const hashes = readFileSync(join(out1, 'hashes.csv'), 'utf8');
      // md5("203.0.113.45"), as a MISP instance correlating against the feed computes it.
      assert.match(hashes, new RegExp(`^[0-9a-f]{32},${EVENT_UUID}$`, 'm'));
      const first = JSON.parse(readFileSync(join(out1, `${EVENT_UUID}.json`), 'utf8')).Event;

      const original = JSON.parse(readFileSync(FIXTURE, 'utf8')).Event;
      const want = essentials(original);
      const got = essentials(first);
      // The original values come back, unmapped ones (btc) from their notes included.
      const values = (e: Json) =>
        [
          ...e.attributes.map((a: Json) => a.value),
          ...e.objects.flatMap((o: Json) => o.attributes.map((a: Json) => a.value)),
        ].sort();
      const lost = values(want).filter((v: string) => !values(got).includes(v));
      assert.deepEqual(lost, ['8.8.8.8'], 'only the attribute deleted in MISP is not out');
      assert.deepEqual(got.sharing, ['BY', 'CERT-Energy-Coordination', 'KZ']);
      assert.equal(got.distribution, '4');

      // Read back by a second node: the same events, the same STIX markings.
      const r = await runCli(['import', '--json', ...node(1), out1]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const out2 = join(dirs[1]!.path, 'feed2');
      assert.equal((await runCli(['export', '--format', 'misp-feed', '--out', out2, ...node(1)])).code, 0);
      const second = JSON.parse(readFileSync(join(out2, `${EVENT_UUID}.json`), 'utf8')).Event;
      assert.deepEqual(essentials(second), got);
      const stix2 = JSON.parse((await runCli(['export', ...node(1)])).stdout).objects as Json[];
      const marks = (objs: Json[]) =>
        objs
          .filter((o) => o.type === 'indicator')
          .map((o) => `${o.id} ${[...o.object_marking_refs].sort().join(' ')}`)
          .sort();
      assert.deepEqual(marks(stix2), marks(stix));
    });

    test('a restSearch answer and a list of events are MISP too', async () => {
      const event = JSON.parse(readFileSync(FIXTURE, 'utf8'));
      for (const doc of [{ response: [event] }, [event]]) {
        const file = join(dirs[0]!.path, 'doc.json');
        writeFileSync(file, JSON.stringify(doc));
        const r = await runCli(['import', '--json', ...node(0), file]);
        assert.equal(r.code, 0, r.stdout);
        assert.equal(JSON.parse(r.stdout)[0].misp.events[0].uuid, EVENT_UUID);
      }
    });
  });
}

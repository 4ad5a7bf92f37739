import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { type Audience, disclosable, partyAudience } from '../../src/node/disclosure.js';
import { releaseFilterFor } from '../../src/node/release-filter.js';
import {
  classificationMarking,
  releasabilityMarking,
  restrictedAccessMarking,
  TLP2_IDS,
  type TlpLevel,
} from '../../src/policy/index.js';
import { listVersions, type StoredVersion } from '../../src/store/index.js';
import { backfillReleases } from '../../src/store/release-column.js';
import { IDS, type Scenario, startScenario } from '../article10/scenario.js';
import { bearer } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

// The release columns only spare the gate rows it would refuse: whatever the gate lets a
// reader see must be among the rows the SQL prefilter keeps, for every reader. Checked on
// the Article 10 scenario and on objects with random combinations of markings.

const PARTIES = ['KZ', 'BY', 'TJ', 'KG', 'RU', 'AM'];
const TLPS: (TlpLevel | null)[] = [null, 'clear', 'green', 'amber', 'amber+strict', 'red'];

const markingArb = fc.record({
  tlp: fc.constantFrom(...TLPS),
  rel: fc.array(fc.subarray(['BY', 'KZ', 'TJ', 'KG', 'AM'], { minLength: 1 }), { maxLength: 2 }),
  classified: fc.boolean(),
  restricted: fc.boolean(),
  /** A definition this node does not hold: the object is its originator's alone. */
  unheld: fc.boolean(),
});

function randomObjects(seed: number, maker: string) {
  // Each maker's definitions under ids of its own, as Accord's records make them.
  const opts = { createdByRef: maker };
  const defs = new Map<string, Record<string, unknown>>();
  const add = (md: Record<string, unknown>) => {
    defs.set(md.id as string, md);
    return md.id as string;
  };
  const objects = fc.sample(markingArb, { numRuns: 120, seed }).map((m) => {
    const refs: string[] = [];
    if (m.tlp) refs.push(TLP2_IDS[m.tlp]);
    for (const parties of m.rel) refs.push(add(releasabilityMarking(parties, [], opts)));
    if (m.classified) refs.push(add(classificationMarking('KZ', 'Секретно', opts)));
    if (m.restricted)
      refs.push(add(restrictedAccessMarking('KZ', { native: 'ДСП', en: 'official use' }, opts)));
    if (m.unheld) refs.push(`marking-definition--${randomUUID()}`);
    return {
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--${randomUUID()}`,
      created: '2025-04-01T00:00:00.000Z',
      modified: '2025-04-01T00:00:00.000Z',
      pattern: "[ipv4-addr:value = '198.51.100.7']",
      pattern_type: 'stix',
      valid_from: '2025-04-01T00:00:00Z',
      ...(refs.length > 0 ? { object_marking_refs: refs } : {}),
    };
  });
  return [...defs.values(), ...objects];
}

async function everything(s: Scenario): Promise<StoredVersion[]> {
  return listVersions(s.t.node.store.db, { limit: 100_000 });
}

async function candidates(s: Scenario, audience: Audience): Promise<Set<string>> {
  const release = await releaseFilterFor(s.t.node, audience);
  const rows = await listVersions(s.t.node.store.db, { limit: 100_000, release });
  return new Set(rows.map((v) => v.id));
}

async function assertSuperset(s: Scenario, audience: Audience, all: StoredVersion[], what: string) {
  const kept = await candidates(s, audience);
  const allowed = await disclosable(s.t.node, audience, all, 'rest');
  assert.ok(allowed.length > 0 || audience.exercise, `${what}: the gate shows something`);
  for (const v of allowed)
    assert.ok(kept.has(v.id), `${what}: the gate shows ${v.id} but the prefilter left it out`);
  return kept;
}

for (const backend of BACKENDS) {
  describe(`listing prefilter keeps everything the gate allows, on ${backend.name}`, () => {
    let s: Scenario;
    before(async () => {
      s = await startScenario(backend);
      // Some of BY's own objects too: the originator always sees its own, whatever the marks.
      for (const [party, seed] of [
        ['KZ', 7],
        ['BY', 11],
      ] as const) {
        const r = await s.t.app.inject({
          method: 'POST',
          url: '/api/v1/bundles',
          headers: bearer(s.tokens[party] ?? (await s.t.tokenFor(party))),
          payload: {
            type: 'bundle',
            id: `bundle--${randomUUID()}`,
            objects: randomObjects(seed, `identity--${randomUUID()}`),
          },
        });
        assert.equal(r.statusCode, 201, r.body);
      }
    });
    after(() => s.t.dispose());

    test('for every Party, in force or not, and inside an exercise', async () => {
      const all = await everything(s);
      assert.ok(all.length > 200);
      for (const party of PARTIES) {
        await assertSuperset(s, partyAudience(party), all, party);
        await assertSuperset(
          s,
          { ...partyAudience(party), exercise: 'ex-1' },
          all,
          `${party} in an exercise`,
        );
      }
    });

    test('it does leave out what a Party may never see', async () => {
      const kg = await candidates(s, partyAudience('KG'));
      assert.ok(!kg.has(IDS.red), 'TLP:RED released to BY and TJ is not a candidate for KG');
      const tj = await candidates(s, partyAudience('TJ'));
      assert.ok(!tj.has(IDS.classified), 'a classified object is not a candidate for an unaccredited Party');
      assert.ok(tj.has(IDS.red), 'TJ is on the red report releasability list');
      // Beyond what the gate allows, the prefilter keeps only rows it cannot speak for: those
      // whose markings were not readable at ingest, and edges whose far end is hidden.
      const all = await everything(s);
      for (const party of ['KG', 'TJ', 'BY']) {
        const audience = partyAudience(party);
        const kept = await candidates(s, audience);
        const allowed = new Set((await disclosable(s.t.node, audience, all, 'rest')).map((v) => v.id));
        const release = new Map(
          (
            await s.t.node.store.db.kysely
              .selectFrom('objects')
              .select(['id', 'release'])
              .where('latest', '=', 1)
              .execute()
          ).map((r) => [r.id, r.release]),
        );
        const extra = all.filter((v) => kept.has(v.id) && !allowed.has(v.id));
        for (const v of extra) {
          assert.ok(
            // The gate also decides edges by their ends and Accord's own definitions by what
            // they say (a REL list goes to the Parties on it); the column summarises only the
            // version's own markings, so those may be kept and then withheld by the gate.
            release.get(v.id) === '?' || v.type === 'relationship' || v.type === 'marking-definition',
            `${party}: ${v.id} kept for no reason`,
          );
        }
        assert.ok(kept.size < all.length, `${party} keeps ${kept.size} of ${all.length}`);
      }
    });

    test('the migration backfill writes the same summaries as ingest', async () => {
      const db = s.t.node.store.db.kysely;
      const read = () =>
        db
          .selectFrom('objects')
          .select(['id', 'modified', 'release', 'release_rank'])
          .orderBy('date_added')
          .execute();
      const atIngest = await read();
      await db.updateTable('objects').set({ release: '?', release_rank: 0 }).execute();
      await backfillReleases(db);
      assert.deepEqual(await read(), atIngest);
      assert.ok(
        atIngest.some((r) => r.release === '?'),
        'an unheld marking is left to the gate',
      );
      assert.ok(atIngest.some((r) => r.release === '*'));
      assert.ok(atIngest.some((r) => r.release.startsWith('|')));
    });
  });
}

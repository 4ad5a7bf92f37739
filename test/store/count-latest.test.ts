import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  countLatestOfTypesInSteps,
  ingestVersions,
  type NewVersion,
  openStore,
  type Store,
} from '../../src/store/index.js';
import { BACKENDS } from '../helpers/stores.js';

// The index build's total is counted in small steps so that a starting node's /healthz is never
// held behind one long COUNT; the steps must add up to the same number, whatever their size.

const hex = (i: number) => i.toString(16).padStart(12, '0');
function version(type: string, i: number, modified = '2026-01-01T00:00:00.000000Z'): NewVersion {
  const id = `${type}--00000000-0000-4000-8000-${hex(i)}`;
  return {
    party: 'KZ',
    id,
    modified,
    type,
    contentHash: `h-${id}-${modified}`,
    revoked: false,
    exercise: null,
    signature: null,
    sourceNode: 'node-kz',
    json: JSON.stringify({ id, modified }),
  };
}

for (const backend of BACKENDS) {
  describe(`counting newest versions in steps, on ${backend.name}`, () => {
    let store: Store;
    let handle: ReturnType<typeof backend.fresh>;
    before(async () => {
      handle = backend.fresh();
      store = await openStore(handle.url);
      const vs = [
        ...Array.from({ length: 700 }, (_, i) => version('indicator', i)),
        ...Array.from({ length: 300 }, (_, i) => version('sighting', i)),
        ...Array.from({ length: 50 }, (_, i) => version('malware', i)),
        // A second version of 100 indicators: only the newest counts.
        ...Array.from({ length: 100 }, (_, i) => version('indicator', i, '2026-02-01T00:00:00.000000Z')),
      ];
      for (let i = 0; i < vs.length; i += 200)
        await store.transaction((trx) => ingestVersions(trx, store.db, store.clock, vs.slice(i, i + 200)));
    });
    after(async () => {
      await store.close();
      await handle.dispose();
    });

    test('the steps add up to the newest versions of the types asked for, the loop given back between', async () => {
      let turns = 0;
      const between = async () => {
        turns++;
      };
      assert.equal(await countLatestOfTypesInSteps(store.db, ['indicator', 'sighting'], between), 1000);
      assert.equal(turns, 0, 'fewer rows than one step: counted at once');
      // Small steps, cut down further as every one is "too slow", still add up exactly.
      assert.equal(
        await countLatestOfTypesInSteps(store.db, ['sighting', 'indicator', 'tool'], between, {
          stepMs: 0,
          firstStep: 64,
        }),
        1000,
      );
      assert.ok(turns >= 10, `given back ${turns} times`);
      assert.equal(await countLatestOfTypesInSteps(store.db, ['tool'], between), 0);
    });
  });
}

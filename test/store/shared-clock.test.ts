// Two processes on one PostgreSQL store, one of them on a machine whose clock runs ahead:
// every date_added is still unique and increases in commit order, because each writer
// stamps after the highest stamp stored and the database's clock, under the ingest lock.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type IngestOutcome,
  ingestVersions,
  listVersions,
  type NewVersion,
  openStore,
  type Store,
} from '../../src/store/index.js';
import { BACKENDS } from '../helpers/stores.js';

function stampOf(o: IngestOutcome): number {
  assert.ok(o.status !== 'conflict', JSON.stringify(o));
  return o.dateAdded;
}

function version(n: number): NewVersion {
  const id = `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const modified = '2024-01-01T00:00:00.000000Z';
  return {
    party: 'KZ',
    id,
    modified,
    type: 'indicator',
    contentHash: `h-${n}`,
    revoked: false,
    exercise: null,
    signature: null,
    sourceNode: 'node-kz',
    json: JSON.stringify({ id, modified }),
  };
}

// SQLite has one writer per file and no second machine; the question is PostgreSQL's.
for (const backend of BACKENDS.filter((b) => b.name === 'postgres')) {
  describe(`date_added across processes (${backend.name})`, () => {
    let fresh: ReturnType<typeof backend.fresh>;
    let ahead: Store;
    let behind: Store;
    before(async () => {
      fresh = backend.fresh();
      ahead = await openStore(fresh.url);
      behind = await openStore(fresh.url);
    });
    after(async () => {
      await ahead.close();
      await behind.close();
      await fresh.dispose();
    });

    test('a process whose clock is behind still stamps after what another committed', async () => {
      // One machine's clock 60 s ahead of the other's.
      ahead.clock.observe((Date.now() + 60_000) * 1000);
      const stamps: number[] = [];
      for (let n = 0; n < 10; n++) {
        const store = n % 2 === 0 ? ahead : behind;
        const r = await store.transaction((trx) => ingestVersions(trx, store.db, store.clock, [version(n)]));
        assert.equal(r.ok, true);
        stamps.push(stampOf(r.outcomes[0]!));
      }
      for (let i = 1; i < stamps.length; i++)
        assert.ok(stamps[i]! > stamps[i - 1]!, `commit ${i} stamped ${stamps[i]} after ${stamps[i - 1]}`);
      // A reader paging with added_after sees every commit, in commit order.
      const listed = await listVersions(behind.db, { after: stamps[0]! - 1, limit: 100 });
      assert.deepEqual(
        listed.map((v) => v.dateAdded),
        stamps,
      );
    });

    test('concurrent writers in two processes never share a stamp', async () => {
      const writes = Array.from({ length: 40 }, (_, i) => {
        const store = i % 2 === 0 ? ahead : behind;
        return store.transaction((trx) => ingestVersions(trx, store.db, store.clock, [version(100 + i)]));
      });
      const stamps = (await Promise.all(writes)).map((r) => stampOf(r.outcomes[0]!));
      assert.equal(new Set(stamps).size, stamps.length);
    });
  });
}

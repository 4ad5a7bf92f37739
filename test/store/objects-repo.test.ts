import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  getVersions,
  ingestVersions,
  latestCopies,
  latestOwn,
  listVersions,
  type NewVersion,
  openStore,
  type Store,
} from '../../src/store/index.js';
import { BACKENDS } from '../helpers/stores.js';

function version(id: string, modified: string, over: Partial<NewVersion> = {}): NewVersion {
  return {
    party: 'KZ',
    id,
    modified,
    type: id.split('--')[0]!,
    contentHash: `h-${id}-${modified}`,
    revoked: false,
    exercise: null,
    signature: null,
    sourceNode: 'node-kz',
    json: JSON.stringify({ id, modified }),
    ...over,
  };
}

const A = 'indicator--00000000-0000-4000-8000-00000000000a';
const B = 'indicator--00000000-0000-4000-8000-00000000000b';
const M = 'malware--00000000-0000-4000-8000-00000000000c';
const T1 = '2024-01-01T00:00:00.000000Z';
const T2 = '2024-02-01T00:00:00.000000Z';
const T3 = '2024-03-01T00:00:00.000000Z';

for (const backend of BACKENDS) {
  describe(`object store on ${backend.name}`, () => {
    let store: Store;
    let handle: ReturnType<typeof backend.fresh>;
    const ingest = (vs: NewVersion[]) =>
      store.transaction((trx) => ingestVersions(trx, store.db, store.clock, vs));

    before(async () => {
      handle = backend.fresh();
      store = await openStore(handle.url);
    });
    after(async () => {
      await store.close();
      await handle.dispose();
    });

    test('stores new versions with unique, increasing date_added', async () => {
      const r = await ingest([version(A, T1), version(B, T1), version(M, T1)]);
      assert.equal(r.ok, true);
      assert.deepEqual(
        r.outcomes.map((o) => o.status),
        ['created', 'created', 'created'],
      );
      const stamps = r.outcomes.map((o) => (o.status === 'created' ? o.dateAdded : 0));
      assert.ok(stamps[0]! < stamps[1]! && stamps[1]! < stamps[2]!, `not increasing: ${stamps}`);
    });

    test('the same version again is a no-op that reports the original date_added', async () => {
      const [first] = await listVersions(store.db, { limit: 1 });
      const r = await ingest([version(A, T1)]);
      assert.equal(r.ok, true);
      assert.deepEqual(r.outcomes, [{ status: 'unchanged', dateAdded: first!.dateAdded }]);
      assert.equal((await getVersions(store.db, A)).length, 1);
    });

    test('different content under a stored (id, modified) is refused and writes nothing', async () => {
      const r = await ingest([version(B, T2), version(A, T1, { contentHash: 'other' })]);
      assert.equal(r.ok, false);
      assert.equal(r.outcomes[1]!.status, 'conflict');
      assert.equal(
        (await getVersions(store.db, B)).length,
        1,
        'the good version in the same batch was not kept',
      );
    });

    test('another Party storing the same id gets its own copy, conflicting only with itself', async () => {
      // Same version, different content: a conflict for KZ, but for RU a copy of its own.
      const r = await ingest([version(A, T1, { party: 'RU', contentHash: 'ru' })]);
      assert.equal(r.ok, true);
      assert.deepEqual(
        r.outcomes.map((o) => o.status),
        ['created'],
      );
      const again = await ingest([version(A, T1, { party: 'RU', contentHash: 'ru-2' })]);
      assert.deepEqual(again.outcomes[0], { status: 'conflict', reason: 'different-content' });
      assert.deepEqual(
        (await getVersions(store.db, A, 'RU')).map((v) => [v.party, v.contentHash, v.latest]),
        [['RU', 'ru', true]],
      );
      assert.equal((await latestOwn(store.db, 'KZ', [A])).get(A)?.contentHash, `h-${A}-${T1}`);
    });

    test('a newer version becomes the latest; an older one arriving late does not', async () => {
      assert.equal((await ingest([version(A, T3)])).ok, true);
      assert.equal((await ingest([version(A, T2)])).ok, true);
      const copies = (await latestCopies(store.db, [A])).get(A) ?? [];
      assert.deepEqual(
        copies.map((v) => [v.party, v.modified]),
        [
          ['KZ', T3],
          ['RU', T1],
        ],
        'the newest of each Party’s copy',
      );
      const versions = await getVersions(store.db, A, 'KZ');
      assert.deepEqual(
        versions.map((v) => [v.modified, v.latest]),
        [
          [T1, false],
          [T2, false],
          [T3, true],
        ],
      );
    });

    test('duplicates inside one batch are stored once', async () => {
      const id = 'indicator--00000000-0000-4000-8000-0000000000dd';
      const r = await ingest([version(id, T1), version(id, T1)]);
      assert.equal(r.ok, true);
      assert.deepEqual(
        r.outcomes.map((o) => o.status),
        ['created', 'unchanged'],
      );
      assert.equal((await getVersions(store.db, id)).length, 1);
    });

    test('lists newest versions in date_added order with a keyset cursor and a type filter', async () => {
      const all = await listVersions(store.db, { limit: 100 });
      assert.ok(all.every((v) => v.latest));
      const sorted = [...all].sort((x, y) => x.dateAdded - y.dateAdded);
      assert.deepEqual(all, sorted);
      const page1 = await listVersions(store.db, { limit: 2 });
      const page2 = await listVersions(store.db, { limit: 2, after: page1.at(-1)!.dateAdded });
      assert.deepEqual(
        [...page1, ...page2].map((v) => v.id),
        all.slice(0, 4).map((v) => v.id),
      );
      const malware = await listVersions(store.db, { limit: 100, types: ['malware'] });
      assert.deepEqual(
        malware.map((v) => v.id),
        [M],
      );
    });

    test('a transaction that fails half-way leaves nothing behind', async () => {
      const id = 'indicator--00000000-0000-4000-8000-0000000000ee';
      await assert.rejects(
        store.transaction(async (trx) => {
          await ingestVersions(trx, store.db, store.clock, [version(id, T1)]);
          throw new Error('killed');
        }),
        /killed/,
      );
      assert.equal((await getVersions(store.db, id)).length, 0);
    });

    test('a large batch goes in whole', async () => {
      const many = Array.from({ length: 1234 }, (_, i) =>
        version(`indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, T1),
      );
      const r = await ingest(many);
      assert.equal(r.ok, true);
      const listed = await listVersions(store.db, { limit: 5000, types: ['indicator'] });
      assert.ok(listed.length >= 1234);
    });
  });
}

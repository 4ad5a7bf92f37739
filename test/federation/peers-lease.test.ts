// Several `accord serve` processes on one store: each peer is pushed to by one process at a
// time, the holder of the peer's lease, and when that process is killed another takes the
// peer over within seconds and delivers what was committed meanwhile.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FederationService } from '../../src/federation/peering/service.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { leaseHolders, releaseLease, takeLease } from '../../src/store/leases-repo.js';
import { startServe } from '../helpers/cli.js';
import { BACKENDS } from '../helpers/stores.js';
import {
  create,
  eventually,
  type Federation,
  peerAll,
  startFederation,
  versionsOn,
} from './federation-helpers.js';
import { indicator, indicatorId } from './taxii-helpers.js';

const green = (n: number) => indicator(n, { object_marking_refs: [TLP2_IDS.green] });
// Long enough that a loaded machine does not let a live holder's lease lapse between renewals.
const TTL_MS = 4000;

// Leases are PostgreSQL's: an SQLite file is served by one process (service.ts says why).
for (const backend of BACKENDS.filter((b) => b.name === 'postgres')) {
  describe(`peer leases (${backend.name})`, () => {
    let fed: Federation;
    let serve: Awaited<ReturnType<typeof startServe>> | null = null;
    before(async () => {
      fed = await startFederation(['KZ', 'BY'], { backend });
      await peerAll(fed, {
        pairs: [
          ['KZ', 'BY'],
          ['BY', 'KZ'],
        ],
      });
    });
    after(async () => {
      await serve?.stop('SIGKILL');
      await fed.dispose();
    });

    it('a lease is one owner’s until it expires or is released', async () => {
      const db = fed.get('KZ').node.store.db;
      assert.equal(await takeLease(db, 'probe', 'a', 300), true);
      assert.equal(await takeLease(db, 'probe', 'b', 300), false, 'held by a');
      assert.equal(await takeLease(db, 'probe', 'a', 300), true, 'renewed by its owner');
      await new Promise((r) => setTimeout(r, 450));
      assert.equal(await takeLease(db, 'probe', 'b', 300), true, 'expired: b takes it');
      await releaseLease(db, 'probe', 'b');
      assert.equal((await leaseHolders(db)).get('probe'), undefined);
    });

    it('one process pushes; when it is killed, the other takes over and nothing is lost', async () => {
      const kz = fed.get('KZ');
      const by = fed.get('BY');
      process.env.ACCORD_LEASE_TTL_MS = String(TTL_MS);
      try {
        serve = await startServe(['--data', kz.data, '--db', kz.db], 90_000);
      } finally {
        delete process.env.ACCORD_LEASE_TTL_MS;
      }
      await eventually(
        async () => (await leaseHolders(kz.node.store.db)).has('push:accord-by'),
        'the serve process holds the lease on BY',
        20_000,
      );
      // A second process on the same store: it starts while the first holds the lease.
      const second: FederationService = await kz.startService({ leaseTtlMs: TTL_MS, owner: 'second' });
      assert.notEqual((await leaseHolders(kz.node.store.db)).get('push:accord-by'), 'second');
      assert.deepEqual(second.leasedPeers(), []);

      await create(kz, [green(1)]);
      await eventually(
        async () => (await versionsOn(by, indicatorId(1))).length === 1,
        'pushed by serve',
        10_000,
      ).catch((e) => {
        throw new Error(`${(e as Error).message}\n${serve?.logs()}`);
      });
      assert.deepEqual(second.leasedPeers(), [], 'the second process never pushed meanwhile');

      await serve.stop('SIGKILL');
      serve = null;
      const killedAt = Date.now();
      await create(kz, [green(2)]);
      await eventually(
        async () => (await versionsOn(by, indicatorId(2))).length === 1,
        'pushed by the second process after the first was killed',
        10_000,
      );
      const tookMs = Date.now() - killedAt;
      assert.deepEqual(second.leasedPeers(), ['accord-by']);
      assert.equal((await leaseHolders(kz.node.store.db)).get('push:accord-by'), 'second');
      assert.ok(tookMs < 3 * TTL_MS + 2000, `taken over in ${tookMs} ms`);
      assert.equal((await versionsOn(by, indicatorId(1))).length, 1, 'nothing pushed twice as a new version');
    });
  });
}

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pullFromPeer } from '../../src/federation/peering/exchange.js';
import { todayUtc } from '../../src/node/agreement-service.js';
import type { AccordNode } from '../../src/node/node.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { listAudit } from '../../src/store/index.js';
import { getPeer } from '../../src/store/peers-repo.js';
import { runAccord, runCli, startServe } from '../helpers/cli.js';
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

const green = (n: number, over: Record<string, unknown> = {}) =>
  indicator(n, { object_marking_refs: [TLP2_IDS.green], ...over });

/** Every version named as disclosed to the peer node, one string per naming. */
async function disclosedTo(node: AccordNode, peerNode: string): Promise<string[]> {
  const entries = await listAudit(node.store.db, { action: 'disclosure', limit: 10_000 });
  return entries
    .map(
      (e) => e.details as { peer_node?: string; objects: { id: string; version: string; hash?: string }[] },
    )
    .filter((d) => d.peer_node === peerNode)
    .flatMap((d) => d.objects.map((o) => `${o.id}@${o.version}`))
    .sort();
}

const has =
  (f: Parameters<typeof versionsOn>[0], n: number, versions = 1) =>
  async () =>
    (await versionsOn(f, indicatorId(n))).length === versions;

for (const backend of BACKENDS) {
  describe(`federation delivery across processes (${backend.name})`, () => {
    let fed: Federation;
    let serve: Awaited<ReturnType<typeof startServe>> | null = null;
    const flags = (party: string) => ['--data', fed.get(party).data, '--db', fed.get(party).db];
    before(async () => {
      fed = await startFederation(['KZ', 'BY', 'TJ'], { backend });
      await peerAll(fed, {
        pairs: [
          ['KZ', 'BY'],
          ['BY', 'KZ'],
          ['TJ', 'KZ'],
        ],
      });
    });
    after(async () => {
      await serve?.stop('SIGKILL');
      await fed.dispose();
    });

    it('a killed peer costs no disclosure entries; once back, each version is audited once', async () => {
      const kz = fed.get('KZ');
      const by = fed.get('BY');
      // BY runs as its own `accord serve` process on its port, so it can be killed.
      await by.stopServing();
      const port = ['--port', String(by.port)];
      serve = await startServe([...flags('BY'), ...port], 90_000);
      await kz.startService({ probeIntervalMs: 200, maxBackoffMs: 400 });
      await create(kz, [green(11), green(12)]);
      await eventually(has(by, 12), 'BY has the first two');
      // BY stores, then answers: KZ audits when the acknowledgement is back.
      await eventually(async () => (await disclosedTo(kz.node, 'accord-by')).length === 2, 'acknowledged');

      await serve.stop('SIGKILL');
      serve = null;
      await create(kz, [green(13), green(11, { modified: '2024-03-01T00:00:00.000Z', name: 'second' })]);
      await eventually(
        async () => ((await getPeer(kz.node.store.db, 'accord-by'))?.failures ?? 0) >= 6,
        'retries',
      );
      const down = (await getPeer(kz.node.store.db, 'accord-by'))!;
      assert.equal(down.healthState, 'connection-refused');
      assert.deepEqual(await disclosedTo(kz.node, 'accord-by'), [
        `${indicatorId(11)}@${(await versionsOn(kz, indicatorId(11)))[0]!.modified}`,
        `${indicatorId(12)}@${(await versionsOn(kz, indicatorId(12)))[0]!.modified}`,
      ]);

      serve = await startServe([...flags('BY'), ...port], 90_000);
      await eventually(has(by, 11, 2), 'BY catches up', 10_000);
      await eventually(has(by, 13), 'BY has 13');
      await eventually(
        async () => (await getPeer(kz.node.store.db, 'accord-by'))?.healthState === 'healthy',
        'KZ sees BY healthy',
      );
      // Push and pull together, and a sync on top: each version still once.
      for (let i = 0; i < 2; i++) await pullFromPeer(by.node, 'accord-kz', { today: todayUtc(), hub: false });
      assert.equal((await runCli(['sync', ...flags('KZ')])).code, 0);
      const expected: string[] = [];
      for (const n of [11, 12, 13])
        for (const v of await versionsOn(kz, indicatorId(n)))
          expected.push(`${indicatorId(n)}@${v.modified}`);
      assert.deepEqual(await disclosedTo(kz.node, 'accord-by'), expected.sort());
    });

    it("'accord import' in another process reaches a running node's peer within two seconds", async (t) => {
      const file = join(fed.get('KZ').data, 'bundle.json');
      writeFileSync(
        file,
        JSON.stringify({
          type: 'bundle',
          id: 'bundle--00000000-0000-4000-8000-000000000099',
          objects: [green(20)],
        }),
      );
      const r = runAccord(['import', file, ...flags('KZ')]);
      assert.equal(r.code, 0, r.stderr);
      const t0 = Date.now();
      await eventually(has(fed.get('BY'), 20), 'BY has it', 5000);
      const ms = Date.now() - t0;
      t.diagnostic(`reached the peer ${ms} ms after the import ended`);
      assert.ok(ms < 2000, `reached the peer ${ms} ms after the import ended`);
    });

    it('a peer added by another process is pushed to at once; peer list and sync say what moved', async () => {
      const kz = fed.get('KZ');
      const tj = fed.get('TJ');
      const key = JSON.stringify(tj.node.keys.publicJwk);
      const added = runAccord([
        'peer',
        'add',
        '--key',
        key,
        '--url',
        tj.url,
        '--party',
        'TJ',
        '--node-id',
        'accord-tj',
        ...flags('KZ'),
      ]);
      assert.equal(added.code, 0, added.stderr);
      const t0 = Date.now();
      await eventually(has(tj, 20), 'TJ has what KZ holds', 5000);
      assert.ok(Date.now() - t0 < 2000, `pushed ${Date.now() - t0} ms after the peer was added`);
      await eventually(has(tj, 13), 'TJ has the rest');
      await eventually(
        async () => (await getPeer(kz.node.store.db, 'accord-tj'))?.lastPushAt != null,
        'recorded',
      );

      const list = await runCli(['peer', 'list', ...flags('KZ')]);
      assert.match(list.stdout, /accord-tj {2}TJ .* healthy since/);
      assert.match(list.stdout, /sent: [1-9]\d* new, 0 already held, 0 refused/);
      const sync = await runCli(['sync', '--json', ...flags('KZ')]);
      const tjReport = (
        JSON.parse(sync.stdout) as { nodeId: string; push: { kind: string; new: number } }[]
      ).find((x) => x.nodeId === 'accord-tj');
      assert.equal(tjReport?.push.kind, 'done');
      assert.equal(tjReport?.push.new, 0, 'nothing new to send');
      // TJ pulls KZ's outbox: all of it is already held there, and says so.
      const pulled = await pullFromPeer(tj.node, 'accord-kz', { today: todayUtc(), hub: false });
      assert.equal(pulled.kind, 'done');
      if (pulled.kind === 'done') {
        assert.equal(pulled.new, 0);
        assert.ok(pulled.unchanged >= 4);
      }
      await kz.stopServing();
      await kz.serveAgain();
    });
  });
}

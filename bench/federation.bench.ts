// Federation latency: six nodes in one process on loopback, full mesh. A notification is
// sent on KZ; the time until it is stored on each of the five other nodes is measured, one
// notification at a time. Baseline: a plain HTTP POST round trip on loopback in the same run.
// All six Parties are put in force (the shipped data has AM and RU as signatories only), so
// that five nodes receive.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { type AgreementDefinition, defaultAgreement } from '../src/agreement/index.js';
import { sendNotification } from '../src/exchange/notification-service.js';
import { ctxOf } from '../src/exchange/records.js';
import { FederationService } from '../src/federation/peering/service.js';
import { buildApp } from '../src/http/app.js';
import { onStoreChanged } from '../src/node/changes.js';
import { type AccordNode, initNode } from '../src/node/node.js';
import { addUser, latestCopies } from '../src/store/index.js';
import { addPeer } from '../src/store/peers-repo.js';
import type { BenchResult } from './types.js';

const PARTIES = ['AM', 'BY', 'KZ', 'KG', 'RU', 'TJ'];
const N = Number(process.env.BENCH_N ?? 200);

function allInForce(): AgreementDefinition {
  const d = defaultAgreement();
  const late = ['AM', 'RU'].map((party) => ({
    kind: 'ratification-notified' as const,
    party,
    date: '2020-01-15',
    source: 'bench: assume every signatory in force',
  }));
  return { ...d, id: 'bench-all-in-force', events: [...d.events, ...late] };
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

async function baselineP99(): Promise<number> {
  const app = Fastify();
  app.post('/echo', async (r) => ({ ok: true, n: (r.body as unknown[]).length }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/echo`;
  const body = JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ i, text: 'x'.repeat(50) })));
  const times: number[] = [];
  for (let i = 0; i < N + 20; i++) {
    const t0 = performance.now();
    await (
      await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } })
    ).json();
    if (i >= 20) times.push(performance.now() - t0);
  }
  await app.close();
  return quantile(times, 0.99);
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-fed-'));
  const agreement = allInForce();
  const nodes: { party: string; node: AccordNode; url: string; close(): Promise<void> }[] = [];
  const services: FederationService[] = [];
  try {
    for (const party of PARTIES) {
      const data = join(dir, party.toLowerCase());
      const { node } = await initNode(
        { data, db: `sqlite:${join(data, 'accord.sqlite')}` },
        { party, nodeId: `accord-${party.toLowerCase()}`, agreement },
      );
      const app = await buildApp(node);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const addr = app.server.address();
      const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
      nodes.push({
        party,
        node,
        url,
        close: async () => {
          await app.close();
          await node.close();
        },
      });
    }
    for (const a of nodes)
      for (const b of nodes)
        if (a !== b)
          await addPeer(a.node.store.db, {
            party: b.party,
            nodeId: b.node.settings.nodeId,
            url: b.url,
            publicKeyJwk: b.node.keys.publicJwk,
          });
    for (const n of nodes) {
      const s = new FederationService(n.node, { pullIntervalMs: 600_000 });
      await s.start();
      services.push(s);
    }

    const sender = nodes.find((n) => n.party === 'KZ')!;
    const others = nodes.filter((n) => n !== sender);
    const ctx = ctxOf(await addUser(sender.node.store.db, { party: 'KZ', name: 'bench', role: 'analyst' }));
    // Each receiver tells when it stored something; the waiter checks whether it is the one awaited.
    let awaited: { id: string; pending: Set<string>; done: () => void } | null = null;
    for (const o of others) {
      onStoreChanged(o.node, () => {
        const w = awaited;
        if (!w?.pending.has(o.party)) return;
        void latestCopies(o.node.store.db, [w.id]).then((m) => {
          if (m.has(w.id) && w.pending.delete(o.party) && w.pending.size === 0) w.done();
        });
      });
    }
    const times: number[] = [];
    for (let i = 0; i < N + 10; i++) {
      const t0 = performance.now();
      let resolve!: () => void;
      const arrived = new Promise<void>((r) => (resolve = r));
      const pending = new Set(others.map((o) => o.party));
      // The id is known only once sent; receivers that are faster than the return are re-checked.
      awaited = { id: '', pending: new Set(), done: resolve };
      const n = await sendNotification(sender.node, ctx, {
        kind: 'incident',
        severity: 'high',
        summary: `Incident ${i}`,
        tlp: 'green',
      });
      awaited = { id: n.id, pending, done: resolve };
      for (const o of others)
        if ((await latestCopies(o.node.store.db, [n.id])).has(n.id)) pending.delete(o.party);
      if (pending.size > 0) await arrived;
      if (i >= 10) times.push(performance.now() - t0);
    }
    const p50 = quantile(times, 0.5);
    const p99 = quantile(times, 0.99);
    const base = await baselineP99();
    return [
      {
        name: `notification sent on one node, stored on all five others (p50 ${p50.toFixed(1)} ms, ${N} notifications)`,
        value: p99,
        unit: 'ms p99',
        baseline: { name: 'plain HTTP POST round trip on loopback, p99 ms', value: base },
        ratio: p99 / base,
        target: 'p99 < 500 ms',
      },
    ];
  } finally {
    for (const s of services) await s.stop();
    for (const n of nodes) await n.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

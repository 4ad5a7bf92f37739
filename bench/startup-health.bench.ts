// Start-up as an operator's liveness probe sees it (issue 13): a real `accord serve` over a
// store of N indicators (ACCORD_BENCH_STARTUP_N, default 1,000,000) is polled on /healthz
// from the moment its port opens until /readyz says the lookup index is complete. The
// slowest answer during that time is compared with the slowest of as many polls of the same
// node once it is ready, in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initNode } from '../src/node/node.js';
import { startServe } from '../test/helpers/cli.js';
import { fillIndicators, scatteredIp } from './fill-indicators.js';
import type { BenchResult } from './types.js';

const N = Number(process.env.ACCORD_BENCH_STARTUP_N ?? 1_000_000);
const EVERY_MS = 20;

async function timed(url: string): Promise<{ ms: number; status: number }> {
  const t = performance.now();
  const r = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  await r.arrayBuffer();
  return { ms: performance.now() - t, status: r.status };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-startup-'));
  const db = `sqlite:${join(dir, 'a.sqlite')}`;
  const { node } = await initNode({ data: dir, db }, { party: 'KZ' });
  if (node.store.db.dialect !== 'sqlite') throw new Error('the bench fills SQLite');
  fillIndicators(node.store.db.sqlite, N, (i) =>
    i % 5 === 4
      ? `[domain-name:value = 'c2-${i}.bad${i % 997}.example']`
      : `[ipv4-addr:value = '${scatteredIp(i)}']`,
  );
  await node.close();
  const started = performance.now();
  const server = await startServe(['--data', dir, '--db', db], 120_000);
  try {
    const url = server.url;
    const portOpenMs = performance.now() - started;
    const during: number[] = [];
    const readyAt = performance.now();
    for (;;) {
      during.push((await timed(`${url}/healthz`)).ms);
      if ((await timed(`${url}/readyz`)).status === 200) break;
      await pause(EVERY_MS);
    }
    const readyMs = performance.now() - readyAt;
    const after: number[] = [];
    while (after.length < Math.max(50, during.length)) {
      after.push((await timed(`${url}/healthz`)).ms);
      await pause(EVERY_MS);
    }
    const worst = Math.max(...during);
    const worstAfter = Math.max(...after);
    return [
      {
        name: `slowest /healthz while a node of ${N.toLocaleString('en')} indicators builds its index (${during.length} polls over ${(readyMs / 1000).toFixed(1)} s; port open ${(portOpenMs / 1000).toFixed(1)} s after start)`,
        value: worst,
        unit: 'ms',
        baseline: { name: 'slowest /healthz of the same node once ready', value: worstAfter },
        ratio: worst / worstAfter,
        target: '<= 100 ms throughout start-up',
      },
    ];
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

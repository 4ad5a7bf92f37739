// Memory: the resident size of a node holding 1,000,000 indicators, with its HTTP app up
// and its observable index built (what `accord serve` holds once it has answered a lookup),
// against the same node on an empty store, each in a fresh process running the compiled
// build (`npm run bench` builds it first). The store is filled by inserting rows directly,
// as in taxii.bench.ts. ACCORD_BENCH_MEMORY_N sets the size.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initNode } from '../src/node/node.js';
import { fillIndicators, scatteredIp } from './fill-indicators.js';
import type { BenchResult } from './types.js';

const N = Number(process.env.ACCORD_BENCH_MEMORY_N ?? 1_000_000);

function measure(
  data: string,
  db: string,
): { rss: number; heapUsed: number; heapTotal: number; entries: number } {
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', new URL('./memory-node.js', import.meta.url).pathname, data, db],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`memory-node failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

async function store(n: number): Promise<{ dir: string; db: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-memory-'));
  const db = `sqlite:${join(dir, 'a.sqlite')}`;
  const { node } = await initNode({ data: dir, db }, { party: 'KZ' });
  if (node.store.db.dialect !== 'sqlite') throw new Error('the bench fills SQLite');
  // Four in five on an address, one in five on a domain: what national feeds carry.
  if (n > 0)
    fillIndicators(node.store.db.sqlite, n, (i) =>
      i % 5 === 4
        ? `[domain-name:value = 'c2-${i}.bad${i % 997}.example']`
        : `[ipv4-addr:value = '${scatteredIp(i)}']`,
    );
  await node.close();
  return { dir, db };
}

export async function run(): Promise<BenchResult[]> {
  const empty = await store(0);
  const full = await store(N);
  try {
    const base = measure(empty.dir, empty.db);
    const held = measure(full.dir, full.db);
    const mb = (b: number) => b / 2 ** 20;
    console.log(
      `  (${held.entries.toLocaleString('en')} observables indexed; V8 heap ${mb(held.heapUsed).toFixed(0)} MB used of ${mb(held.heapTotal).toFixed(0)} MB held)`,
    );
    return [
      {
        name: `resident memory of a serving node holding ${N.toLocaleString('en')} indicators, index built`,
        value: mb(held.rss),
        unit: 'MB',
        baseline: { name: 'the same node with an empty store', value: mb(base.rss) },
        ratio: held.rss / base.rss,
        target: '< 500 MB',
      },
    ];
  } finally {
    rmSync(empty.dir, { recursive: true, force: true });
    rmSync(full.dir, { recursive: true, force: true });
  }
}

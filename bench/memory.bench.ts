// Memory: the resident size of a node holding 1,000,000 indicators, with its HTTP app up
// and its observable index built (what `accord serve` holds once it has answered a lookup),
// against the same node on an empty store, each in a fresh process. The store is filled by
// inserting rows directly, as in taxii.bench.ts. ACCORD_BENCH_MEMORY_N sets the size.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initNode } from '../src/node/node.js';
import type { BenchResult } from './types.js';

const N = Number(process.env.ACCORD_BENCH_MEMORY_N ?? 1_000_000);
const BASE = 1_700_000_000_000_000;

function ip(i: number): string {
  const h = Math.imul(i, 2654435761) >>> 0;
  return `${1 + ((h >>> 24) % 223)}.${(h >>> 16) & 255}.${(h >>> 8) & 255}.${h & 255}`;
}

function fill(sqlite: import('better-sqlite3').Database, n: number): void {
  sqlite.pragma('synchronous = OFF');
  const insert = sqlite.prepare(
    `insert into objects (party, id, modified, type, date_added, source_node, content_hash, revoked, latest, exercise, signature, json)
     values ('KZ', ?, '2024-05-01T10:00:00.000000Z', 'indicator', ?, 'bench', ?, 0, 1, null, null, ?)`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const hex = i.toString(16).padStart(12, '0');
      const id = `indicator--${hex.slice(0, 8)}-0000-4000-8000-${hex}`;
      // Four in five on an address, one in five on a domain: what national feeds carry.
      const pattern =
        i % 5 === 4
          ? `[domain-name:value = 'c2-${i}.bad${i % 997}.example']`
          : `[ipv4-addr:value = '${ip(i)}']`;
      const json = `{"created":"2024-05-01T10:00:00.000Z","id":"${id}","indicator_types":["malicious-activity"],"modified":"2024-05-01T10:00:00.000Z","name":"C2 ${i}","pattern":"${pattern}","pattern_type":"stix","spec_version":"2.1","type":"indicator","valid_from":"2024-05-01T10:00:00Z"}`;
      insert.run(id, BASE + i, hex, json);
    }
  })();
  sqlite.pragma('synchronous = FULL');
}

function measure(data: string, db: string): { rss: number; entries: number } {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', new URL('./memory-node.ts', import.meta.url).pathname, data, db],
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
  if (n > 0) fill(node.store.db.sqlite, n);
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
    console.log(`  (${held.entries.toLocaleString('en')} observables indexed)`);
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

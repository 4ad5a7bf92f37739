// Import speed: indicators validated, canonicalised, hashed and committed to SQLite by the
// real import path, against a bare "JSON.parse and insert the rows" loop over the same
// data into the same kind of table, in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { importStix } from '../src/node/ingest.js';
import { initNode } from '../src/node/node.js';
import type { BenchResult } from './types.js';

const N = 50_000;

function bundleText(n: number): string {
  const objects = [];
  for (let i = 0; i < n; i++) {
    const hex = i.toString(16).padStart(12, '0');
    objects.push({
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--${hex.slice(0, 8)}-0000-4000-8000-${hex}`,
      created: '2024-05-01T10:00:00.000Z',
      modified: '2024-05-01T10:00:00.000Z',
      name: `C2 ${i}`,
      indicator_types: ['malicious-activity'],
      pattern: `[ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}']`,
      pattern_type: 'stix',
      valid_from: '2024-05-01T10:00:00Z',
    });
  }
  return JSON.stringify({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000000', objects });
}

async function accordImport(text: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-'));
  try {
    const { node } = await initNode({ data: dir, db: `sqlite:${join(dir, 'a.sqlite')}` }, { party: 'KZ' });
    const t0 = performance.now();
    const result = await importStix(node, { party: 'KZ', sourceNode: 'bench' }, JSON.parse(text));
    const secs = (performance.now() - t0) / 1000;
    if (!result.ok || result.created !== N)
      throw new Error(`import failed: ${JSON.stringify(result.errors)}`);
    await node.close();
    return N / secs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function bareImport(text: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-'));
  try {
    const db = new Sqlite(join(dir, 'b.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('create table t (id text, modified text, type text, json text, primary key (id, modified))');
    const insert = db.prepare('insert into t values (?, ?, ?, ?)');
    const t0 = performance.now();
    const doc = JSON.parse(text) as { objects: { id: string; modified: string; type: string }[] };
    db.transaction(() => {
      for (const o of doc.objects) insert.run(o.id, o.modified, o.type, JSON.stringify(o));
    })();
    const secs = (performance.now() - t0) / 1000;
    db.close();
    return N / secs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult[]> {
  const text = bundleText(N);
  bareImport(text); // warm both paths: the first run pays for JIT and page cache
  await accordImport(text);
  let best = 0;
  let bestBare = 0;
  for (let i = 0; i < 3; i++) {
    bestBare = Math.max(bestBare, bareImport(text));
    best = Math.max(best, await accordImport(text));
  }
  return [
    {
      name: `import ${N.toLocaleString('en')} STIX indicators into SQLite (validated, hashed, committed)`,
      value: best,
      unit: 'indicators/s',
      baseline: { name: 'JSON.parse + INSERT loop', value: bestBare },
      ratio: best / bestBare,
      target: '>= 50,000 indicators/s and ratio >= 0.33',
    },
  ];
}

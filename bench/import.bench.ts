// Import speed: indicators streamed from a file, validated, canonicalised, hashed and
// committed to SQLite by the real import path (what `accord import FILE` runs), against a
// bare "read the file, JSON.parse it and insert the rows" loop over the same file into the
// same kind of table, in the same run. PostgreSQL is reported beside it when it answers
// (ACCORD_BENCH_POSTGRES, default the local server), with no target.
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { importBundleStream } from '../src/intel/import-stream.js';
import { initNode } from '../src/node/node.js';
import { benchIndicator } from './fill-indicators.js';
import type { BenchResult } from './types.js';

const N = 50_000;

function bundleText(n: number): string {
  const objects = [];
  for (let i = 0; i < n; i++)
    objects.push(benchIndicator(i, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`));
  return JSON.stringify({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000000', objects });
}

async function accordImport(file: string, db?: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-'));
  try {
    const { node } = await initNode(
      { data: dir, db: db ?? `sqlite:${join(dir, 'a.sqlite')}` },
      { party: 'KZ' },
    );
    const t0 = performance.now();
    const chunks = createReadStream(file, { highWaterMark: 1 << 20 });
    // As `accord import` reads a file this large: on a worker thread while this one writes.
    const result = await importBundleStream(node, { party: 'KZ', sourceNode: 'bench' }, chunks, {
      what: file,
      worker: true,
    });
    const secs = (performance.now() - t0) / 1000;
    if (!result.ok || result.created !== N)
      throw new Error(`import failed: ${JSON.stringify(result.errors)}`);
    await node.close();
    return N / secs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh schema on the PostgreSQL server, or undefined when none answers. */
async function postgresSchema(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const base = process.env.ACCORD_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_${process.pid}`;
  const client = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch {
    return undefined;
  }
  await client.end();
  const u = new URL(base);
  u.searchParams.set('schema', schema);
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

function bareImport(file: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-'));
  try {
    const db = new Sqlite(join(dir, 'b.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('create table t (id text, modified text, type text, json text, primary key (id, modified))');
    const insert = db.prepare('insert into t values (?, ?, ?, ?)');
    const t0 = performance.now();
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      objects: { id: string; modified: string; type: string }[];
    };
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
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-file-'));
  const file = join(dir, 'bundle.json');
  writeFileSync(file, bundleText(N));
  try {
    bareImport(file); // warm both paths: the first run pays for JIT and page cache
    await accordImport(file);
    let best = 0;
    let bestBare = 0;
    for (let i = 0; i < 3; i++) {
      bestBare = Math.max(bestBare, bareImport(file));
      best = Math.max(best, await accordImport(file));
    }
    const results: BenchResult[] = [
      {
        name: `import ${N.toLocaleString('en')} STIX indicators from a file into SQLite (streamed, validated, hashed, committed)`,
        value: best,
        unit: 'indicators/s',
        baseline: { name: 'read file + JSON.parse + INSERT loop', value: bestBare },
        ratio: best / bestBare,
        target: '>= 50,000 indicators/s and ratio >= 0.33',
      },
    ];
    const pgStore = await postgresSchema();
    if (pgStore) {
      try {
        const value = await accordImport(file, pgStore.url);
        results.push({
          name: `import ${N.toLocaleString('en')} STIX indicators from a file into PostgreSQL (same path)`,
          value,
          unit: 'indicators/s',
          baseline: { name: 'the SQLite bare loop above', value: bestBare },
          ratio: value / bestBare,
        });
      } finally {
        await pgStore.drop();
      }
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// TAXII paging: the cost of a page of 1,000 objects at the end of a 1,000,000-object
// collection against the cost of the first page, in the same run. The store is filled by
// inserting rows directly (one prepared statement, one transaction): the read path is what
// is measured, not the import. Then the rate of reading the whole collection, following
// `next` from the first page to the last, against a bare keyset SELECT of the same rows in
// the same pages. Set ACCORD_BENCH_TAXII_N for another size.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type Sqlite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/http/app.js';
import { ALL_OBJECTS_ID } from '../src/http/taxii/collections.js';
import { initNode } from '../src/node/node.js';
import { addUser, createToken, microsToIso } from '../src/store/index.js';
import { BASE_MICROS, fillIndicators } from './fill-indicators.js';
import type { BenchResult } from './types.js';

const N = Number(process.env.ACCORD_BENCH_TAXII_N ?? 1_000_000);
const PAGE = 1000;
const RUNS = 21;

async function timeOnce(app: FastifyInstance, url: string, token: string): Promise<number> {
  const t0 = performance.now();
  const r = await app.inject({
    url,
    headers: { authorization: `Bearer ${token}`, accept: 'application/taxii+json;version=2.1' },
  });
  const ms = performance.now() - t0;
  const n = (r.json() as { objects?: unknown[] }).objects?.length;
  if (r.statusCode !== 200 || n !== PAGE)
    throw new Error(`page of ${n} (status ${r.statusCode}): ${r.body.slice(0, 200)}`);
  return ms;
}

/** Median time of each URL, measured in turn so that drift in the machine's load hits all alike. */
async function timePages(app: FastifyInstance, urls: string[], token: string): Promise<number[]> {
  const times = urls.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) {
    for (const [j, url] of urls.entries()) times[j]!.push(await timeOnce(app, url, token));
  }
  return times.map((ts) => ts.sort((a, b) => a - b)[Math.floor(ts.length / 2)]!);
}

/**
 * Objects a second a TAXII client reads the whole collection at, following `next` to the
 * end over a real socket; the client runs in a worker thread, as another process would.
 */
async function readAll(app: FastifyInstance, token: string): Promise<{ perSec: number; pages: number }> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const path = `/taxii2/accord/collections/${ALL_OBJECTS_ID}/objects/?limit=${PAGE}`;
  const r = await new Promise<{ elapsed: number; pages: number; objects: number }>((resolve, reject) => {
    const w = new Worker(new URL('./taxii-reader-worker.js', import.meta.url), {
      workerData: { port, token, path },
    });
    w.once('message', resolve);
    w.once('error', reject);
  });
  // The published definitions lead the collection: the stored rows must all have come through.
  if (r.objects < N) throw new Error(`read ${r.objects} objects of ${N}`);
  return { perSec: r.objects / (r.elapsed / 1000), pages: r.pages };
}

/** The same rows in the same pages, by a bare keyset SELECT: what reading them costs the database alone. */
function bareSelect(db: Sqlite.Database): number {
  const page = db.prepare(
    'select * from objects where latest = 1 and date_added > ? order by date_added limit ?',
  );
  let after = 0;
  let rows = 0;
  const t0 = performance.now();
  for (;;) {
    const got = page.all(after, PAGE) as { date_added: number; json: string }[];
    rows += got.length;
    if (got.length < PAGE) break;
    after = got.at(-1)!.date_added;
  }
  return rows / ((performance.now() - t0) / 1000);
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-taxii-'));
  try {
    const { node } = await initNode({ data: dir, db: `sqlite:${join(dir, 'a.sqlite')}` }, { party: 'KZ' });
    if (node.store.db.dialect !== 'sqlite') throw new Error('the bench fills SQLite');
    const t0 = performance.now();
    fillIndicators(
      node.store.db.sqlite,
      N,
      (i) => `[ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}']`,
    );
    node.store.db.sqlite.exec('analyze');
    node.store.clock.observe(BASE_MICROS + N);
    const fillSecs = (performance.now() - t0) / 1000;
    const app = await buildApp(node);
    const user = await addUser(node.store.db, { party: 'KZ', name: 'bench', role: 'analyst' });
    const { token } = await createToken(node.store.db, user, 'bench');
    const objects = `/taxii2/accord/collections/${ALL_OBJECTS_ID}/objects/?limit=${PAGE}`;
    const manifest = `/taxii2/accord/collections/${ALL_OBJECTS_ID}/manifest/?limit=${PAGE}`;
    const tail = `&added_after=${microsToIso(BASE_MICROS + N - PAGE - 1)}`;
    const urls = [objects, objects + tail, manifest, manifest + tail];
    await timePages(app, urls, token); // warm the JIT and the page cache at both ends
    const [start, end, mStart, mEnd] = (await timePages(app, urls, token)) as [
      number,
      number,
      number,
      number,
    ];
    const bare = bareSelect(node.store.db.sqlite);
    const whole = await readAll(app, token);
    await app.close();
    await node.close();
    const size = N.toLocaleString('en');
    console.log(`  (filled ${size} rows in ${fillSecs.toFixed(1)} s)`);
    return [
      {
        name: `TAXII objects: page of ${PAGE} at the end of ${size} objects`,
        value: end,
        unit: 'ms (median)',
        baseline: { name: 'the first page', value: start },
        ratio: end / start,
        target: 'ratio ≈ 1 (same cost per page at any offset)',
      },
      {
        name: `TAXII manifest: page of ${PAGE} at the end of ${size} objects`,
        value: mEnd,
        unit: 'ms (median)',
        baseline: { name: 'the first page', value: mStart },
        ratio: mEnd / mStart,
        target: 'ratio ≈ 1',
      },
      {
        name: `TAXII objects: the whole collection of ${size}, following next (${whole.pages} pages of ${PAGE})`,
        value: whole.perSec,
        unit: 'objects/s',
        baseline: { name: 'a bare keyset SELECT of the same rows, same pages', value: bare },
        ratio: whole.perSec / bare,
        target: '>= 50,000 objects/s',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

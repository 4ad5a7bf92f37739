// Listing for a reader who may see 1% of the store: the cost of a REST page of 100 for TJ,
// to whom KZ released one row in a hundred, against the same page for KZ, the originator,
// who sees everything. Set ACCORD_BENCH_LISTING_N for another size.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/http/app.js';
import { initNode } from '../src/node/node.js';
import { TLP2_IDS } from '../src/policy/index.js';
import { addUser, createToken } from '../src/store/index.js';
import { BASE_MICROS, fillIndicators } from './fill-indicators.js';
import type { BenchResult } from './types.js';

const N = Number(process.env.ACCORD_BENCH_LISTING_N ?? 200_000);
const PAGE = 100;
const RUNS = 11;

async function median(app: FastifyInstance, token: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = await app.inject({
      url: `/api/v1/objects?limit=${PAGE}`,
      headers: { authorization: `Bearer ${token}` },
    });
    times.push(performance.now() - t0);
    const n = (r.json() as { items: unknown[] }).items.length;
    if (r.statusCode !== 200 || n !== PAGE) throw new Error(`page of ${n} (status ${r.statusCode})`);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-listing-'));
  try {
    const { node } = await initNode({ data: dir, db: `sqlite:${join(dir, 'a.sqlite')}` }, { party: 'KZ' });
    if (node.store.db.dialect !== 'sqlite') throw new Error('the bench fills SQLite');
    const db = node.store.db.sqlite;
    fillIndicators(db, N, (i) => `[ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}']`);
    // 99 rows in 100 become TLP:RED (KZ alone), as ingest would have summarised them.
    db.prepare(`update objects set json = replace(json, ?, ?), release = '' where date_added % 100 <> 0`).run(
      TLP2_IDS.green,
      TLP2_IDS.red,
    );
    db.prepare(`update objects set release = '*' where date_added % 100 = 0`).run();
    db.exec('analyze');
    node.store.clock.observe(BASE_MICROS + N);
    const app = await buildApp(node);
    const token = async (party: string) =>
      (
        await createToken(
          node.store.db,
          await addUser(node.store.db, { party, name: `b-${party}`, role: 'analyst' }),
          'b',
        )
      ).token;
    const [kz, tj] = [await token('KZ'), await token('TJ')];
    await median(app, kz);
    await median(app, tj);
    const [own, sparse] = [await median(app, kz), await median(app, tj)];
    await app.close();
    await node.close();
    return [
      {
        name: `REST page of ${PAGE} for a reader who sees 1% of ${N.toLocaleString('en')} objects`,
        value: sparse,
        unit: 'ms (median)',
        baseline: { name: "the originator's page", value: own },
        ratio: sparse / own,
        target: 'ratio of a few at most (the prefilter reads index entries, not rows, for the 99%)',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

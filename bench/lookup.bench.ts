// Lookups, three ways, each against a baseline measured in the same run:
// 1. in process: value strings checked against an observable index of 1,000,000 indicators
//    (addresses, /24 ranges, domains with their parents, URLs, SHA-256 hashes), against a
//    bare Set.has over the same strings (which finds exact strings only);
// 2. the batch HTTP endpoint over a real socket, against the lookup service called in process
//    on the same node with the same batches (what HTTP, JSON and auth cost on top);
// 3. one lookup by GET with 50 concurrent clients: p99 latency, against /healthz under the
//    same load (what the lookup costs beyond the cheapest request the server answers). Both
//    run on warm connections, in rounds that take turns, and each p99 is over every round's
//    requests: one p99 over 5,000 requests is the 50th slowest, and on two shared cores a
//    single scheduler hiccup moved it by a third from one run to the next.
// ACCORD_BENCH_LOOKUP_N sets the index size; ACCORD_BENCH_LOOKUP_HTTP_N the HTTP node's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildApp } from '../src/http/app.js';
import { refreshIndex } from '../src/intel/index-build.js';
import { lookupValues } from '../src/intel/lookup-service.js';
import { ObservableIndex } from '../src/intel/observable-index.js';
import { classifyValue } from '../src/intel/observable-keys.js';
import { partyAudience } from '../src/node/disclosure.js';
import { initNode } from '../src/node/node.js';
import { addUser, createToken } from '../src/store/index.js';
import { BASE_MICROS, fillIndicators, scatteredIp as ip } from './fill-indicators.js';
import type { BenchResult } from './types.js';

const N = Number(process.env.ACCORD_BENCH_LOOKUP_N ?? 1_000_000);
const HTTP_N = Number(process.env.ACCORD_BENCH_LOOKUP_HTTP_N ?? 100_000);
const CHECKS = 2_000_000;
const BATCH = 1000;

const hex64 = (i: number) => i.toString(16).padStart(64, 'a');

/** The i-th indicated value: 70 % addresses, 10 % /24 ranges, 10 % domains, 5 % URLs, 5 % hashes. */
function indicated(i: number): string {
  const r = i % 20;
  if (r < 14) return ip(i * 7);
  if (r < 16) return `${ip(i * 7 + 3).replace(/\.\d+$/, '.0')}/24`;
  if (r < 18) return `host${i}.bad${i % 1000}.example`;
  if (r < 19) return `http://dl${i}.example/p/${i}.exe`;
  return hex64(i);
}

/** A stream of checks: half values that were indicated (or lie under them), half that were not. */
function checks(n: number, size: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const i = ((k * 2654435761) % size) >>> 0;
    if (k % 2 === 0) {
      const v = indicated(i);
      out.push(v.endsWith('/24') ? v.replace('.0/24', `.${k & 255}`) : v);
    } else out.push(k % 4 === 1 ? ip(i * 7 + 5) : `www${k}.clean${k % 97}.example`);
  }
  return out;
}

function inProcess(): BenchResult[] {
  const index = new ObservableIndex();
  const plain = new Set<string>();
  for (let i = 0; i < N; i++) {
    const text = indicated(i);
    const v = classifyValue(text)!;
    index.add(`indicator--${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`, v);
    plain.add(text);
  }
  const stream = checks(CHECKS, N);
  const time = (fn: () => number): { perSec: number; found: number } => {
    fn(); // warm
    const t0 = performance.now();
    const found = fn();
    return { perSec: CHECKS / ((performance.now() - t0) / 1000), found };
  };
  const idx = time(() => {
    let found = 0;
    for (const s of stream) {
      const v = classifyValue(s);
      if (v && index.has(v)) found++;
    }
    return found;
  });
  const bare = time(() => {
    let found = 0;
    for (const s of stream) if (plain.has(s)) found++;
    return found;
  });
  console.log(
    `  (index of ${N.toLocaleString('en')} indicators (memory: see memory.bench.ts); ${idx.found.toLocaleString('en')} values known vs ${bare.found.toLocaleString('en')} exact-string hits)`,
  );
  return [
    {
      name: `in-process checks against ${N.toLocaleString('en')} indicators`,
      value: idx.perSec,
      unit: 'checks/s',
      baseline: { name: 'bare Set.has on the same strings (exact matches only)', value: bare.perSec },
      ratio: idx.perSec / bare.perSec,
      target: '>= 1,000,000 checks/s',
    },
  ];
}

interface Load {
  elapsed: number;
  latencies: number[];
}

/** Runs requests from a worker thread (another core), `clients` at a time. */
function load(
  port: number,
  token: string,
  method: 'GET' | 'POST',
  requests: { path: string; body?: string }[],
  clients: number,
  warm = 0,
): Promise<Load> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./http-load-worker.js', import.meta.url), {
      workerData: { port, token, method, requests, clients, warm },
    });
    w.once('message', resolve);
    w.once('error', reject);
  });
}

const p99 = (latencies: number[]) =>
  [...latencies].sort((a, b) => a - b)[Math.floor(latencies.length * 0.99)]!;

const ROUNDS = 4;

async function overHttp(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-lookup-'));
  const { node } = await initNode({ data: dir, db: `sqlite:${join(dir, 'a.sqlite')}` }, { party: 'KZ' });
  const app = await buildApp(node);
  try {
    if (node.store.db.dialect !== 'sqlite') throw new Error('the bench fills SQLite');
    fillIndicators(node.store.db.sqlite, HTTP_N, (i) => `[ipv4-addr:value = '${ip(i * 7)}']`);
    node.store.clock.observe(BASE_MICROS + HTTP_N);
    const t0 = performance.now();
    await refreshIndex(node);
    const buildSecs = (performance.now() - t0) / 1000;
    const user = await addUser(node.store.db, { party: 'KZ', name: 'bench', role: 'analyst' });
    const { token } = await createToken(node.store.db, user, 'bench');
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    // Mostly addresses a firewall sees: one in ten indicated.
    const batches = Array.from({ length: 100 }, (_, b) =>
      Array.from({ length: BATCH }, (_, k) => {
        const i = (b * BATCH + k) % HTTP_N;
        return k % 10 === 0 ? ip(i * 7) : ip(i * 7 + 2);
      }),
    );
    const audience = partyAudience('KZ');
    const inProc = async () => {
      const t = performance.now();
      for (const b of batches) await lookupValues(node, audience, b);
      return (batches.length * BATCH) / ((performance.now() - t) / 1000);
    };
    const posts = batches.map((b) => ({ path: '/api/v1/lookup', body: JSON.stringify({ values: b }) }));
    // Two clients: a firewall pushing batches as fast as it gets answers, one in flight while
    // the server works on the other.
    const http = async () => {
      const l = await load(port, token, 'POST', posts, 2);
      return (batches.length * BATCH) / (l.elapsed / 1000);
    };
    await inProc();
    await http();
    const service = await inProc();
    const batch = await http();

    const singles = Array.from({ length: 5000 }, (_, k) => ({
      path: `/api/v1/lookup?value=${ip(((k * 31) % HTTP_N) * 7 + (k % 3 === 0 ? 0 : 1))}`,
    }));
    const healths = Array.from({ length: 5000 }, () => ({ path: '/healthz' }));
    await load(port, token, 'GET', singles.slice(0, 1000), 50);
    const healthTimes: number[] = [];
    const singleTimes: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // Turns alternate, so neither kind always runs on a machine the other just warmed.
      const order = r % 2 === 0 ? (['health', 'single'] as const) : (['single', 'health'] as const);
      for (const kind of order) {
        const l = await load(port, token, 'GET', kind === 'health' ? healths : singles, 50, 4);
        (kind === 'health' ? healthTimes : singleTimes).push(...l.latencies);
      }
    }
    const health = p99(healthTimes);
    const single = p99(singleTimes);
    console.log(
      `  (HTTP node: ${HTTP_N.toLocaleString('en')} indicators in SQLite, index built in ${buildSecs.toFixed(1)} s; clients in a worker thread)`,
    );
    return [
      {
        name: `batch HTTP lookups (${BATCH} values a request, 10 % known)`,
        value: batch,
        unit: 'checks/s',
        baseline: { name: 'the lookup service in process, same batches', value: service },
        ratio: batch / service,
        target: '>= 100,000 checks/s',
      },
      {
        name: `one lookup by GET, 50 concurrent clients, p99 of ${ROUNDS} rounds`,
        value: single,
        unit: 'ms',
        baseline: { name: 'GET /healthz under the same load, p99', value: health },
        ratio: single / health,
        target: 'p99 <= 1.2x that of /healthz under the same load',
      },
    ];
  } finally {
    await app.close();
    await node.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult[]> {
  return [...inProcess(), ...(await overHttp())];
}

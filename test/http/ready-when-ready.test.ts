// Start-up of a node that holds many objects: the port answers /healthz at once and all the
// way through, /readyz says 503 with the progress until the lookup index is complete, a
// lookup in that time is a clear 503, and the event loop is never held long enough for a
// liveness probe to give up. Real HTTP on a real port, the same start-up `accord serve` runs.
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, test } from 'node:test';
import { buildApp } from '../../src/http/app.js';
import { buildIndexInBackground } from '../../src/intel/index-build.js';
import { initNode, openNode } from '../../src/node/node.js';
import { addUser, createToken } from '../../src/store/index.js';
import { seededIp, seedIndicators } from '../helpers/seed-indicators.js';
import { BACKENDS, tempDir } from '../helpers/stores.js';

const ROWS = 100_000;
// The design asks for 50 ms slices (measured in bench/). What is asserted from the moment
// the port opens is the work done between two turns of a 10 ms timer (CPU time, which the
// machine's other load does not inflate): under 200 ms. A build that held the loop (a second
// and more of work per 100,000 rows) fails it. Wall-clock delays are reported beside it,
// with a same-run baseline of a loop doing nothing but 2 ms slices.
const MAX_STALL_MS = 200;

/** The longest event-loop delay of a loop busy in 2 ms slices for `ms`: this run's noise floor. */
async function busyBaselineMs(ms: number): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const slice = performance.now() + 2;
    while (performance.now() < slice) {}
    await new Promise((r) => setImmediate(r));
  }
  h.disable();
  return h.max / 1e6;
}

/** The most CPU time the process spent between two ticks of a 10 ms timer, in ms. */
function watchLoopWork(): { stop(): number } {
  let max = 0;
  let last = process.cpuUsage();
  const timer = setInterval(() => {
    const used = process.cpuUsage(last);
    max = Math.max(max, (used.user + used.system) / 1000);
    last = process.cpuUsage();
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return max;
    },
  };
}

for (const backend of BACKENDS) {
  describe(`start-up with ${ROWS.toLocaleString('en')} indicators (${backend.name})`, () => {
    test('/healthz answers throughout; /readyz 503 with progress, then 200; lookups 503 until ready', async (t) => {
      const dir = tempDir();
      const store =
        backend.name === 'sqlite'
          ? { url: `sqlite:${dir.path}/accord.sqlite`, dispose: async () => {} }
          : backend.fresh();
      try {
        const first = await initNode({ data: dir.path, db: store.url }, { party: 'KZ' });
        await seedIndicators(first.node.store.db, ROWS);
        const admin = await addUser(first.node.store.db, { party: 'KZ', name: 'kz-admin', role: 'admin' });
        const adminToken = (await createToken(first.node.store.db, admin, 'test')).token;
        const analyst = await addUser(first.node.store.db, {
          party: 'BY',
          name: 'by-analyst',
          role: 'analyst',
        });
        const token = (await createToken(first.node.store.db, analyst, 'test')).token;
        await first.node.close();

        // What `accord serve` does: open, build the app, start the index, open the port.
        const node = await openNode({ data: dir.path, db: store.url });
        const app = await buildApp(node);
        const baselineMs = await busyBaselineMs(1500);
        const built = buildIndexInBackground(node);
        const base = await app.listen({ port: 0, host: '127.0.0.1' });
        // From the moment the port is open: what a liveness probe would meet.
        const delay = monitorEventLoopDelay({ resolution: 10 });
        delay.enable();
        const work = watchLoopWork();
        try {
          const get = async (path: string, auth?: string) => {
            const t = performance.now();
            const r = await fetch(
              `${base}${path}`,
              auth ? { headers: { authorization: `Bearer ${auth}` } } : {},
            );
            return {
              status: r.status,
              // biome-ignore lint/suspicious/noExplicitAny: the test reads several reply shapes by path
              body: (await r.json()) as Record<string, any>,
              ms: performance.now() - t,
              r,
            };
          };

          const early = await get(`/api/v1/lookup?value=${seededIp(ROWS - 1)}`, token);
          assert.equal(early.status, 503, 'a lookup before the index is complete is not answered "unknown"');
          assert.equal(early.body.error.code, 'ACCORD_NOT_READY');
          assert.ok(early.r.headers.get('retry-after'));

          const seen: { status: number; percent?: number; indexed?: number }[] = [];
          let slowestHealth = 0;
          let done = false;
          void built.finally(() => {
            done = true;
          });
          for (let round = 0; ; round++) {
            const finished = done;
            const h = await get('/healthz');
            assert.equal(h.status, 200);
            slowestHealth = Math.max(slowestHealth, h.ms);
            const anon = await get('/readyz');
            const own = await get('/readyz', adminToken);
            seen.push({
              status: own.status,
              percent: own.body.index?.percent,
              indexed: own.body.index?.indexed,
            });
            if (anon.status === 503) {
              assert.equal(anon.body.error.code, 'ACCORD_NOT_READY');
              assert.equal(typeof anon.body.index.percent, 'number');
              // How much the node holds is for its own administrators only (docs/security.md).
              assert.equal(anon.body.index.indexed, undefined);
              assert.equal(anon.body.index.total, undefined);
              // Asked a moment later, the administrator may find it ready already; before the
              // rows are counted there is no total to give.
              if (own.status === 503 && own.body.index.total !== undefined)
                assert.equal(own.body.index.total, ROWS, JSON.stringify(own.body));
            }
            if (anon.status === 200 && own.status === 200) break;
            assert.ok(
              round < 10_000 && !(finished && anon.status === 503),
              `never became ready: ${JSON.stringify(anon.body)}`,
            );
            await new Promise((r) => setTimeout(r, 20));
          }
          await built;
          delay.disable();
          const heldMs = work.stop();

          assert.equal(seen[0]!.status, 503, 'the first /readyz comes while the index is still being built');
          const building = seen.filter((s) => s.status === 503);
          assert.ok(
            building.length >= 2,
            `progress was reported (${building.length} answers while building)`,
          );
          assert.ok(building.at(-1)!.indexed! > building[0]!.indexed!, 'the progress moves');
          assert.ok(heldMs < MAX_STALL_MS, `the event loop was held for ${heldMs.toFixed(0)} ms of work`);
          // Wall-clock delays are reported, not asserted: on a machine running other work they
          // measure the scheduler as much as this process (the 50 ms target is in bench/).
          t.diagnostic(
            `loop: at most ${heldMs.toFixed(0)} ms of work between ticks; wall delay max ${(delay.max / 1e6).toFixed(0)} ms (a 2 ms-slice loop: ${baselineMs.toFixed(0)} ms); slowest /healthz ${slowestHealth.toFixed(0)} ms`,
          );

          const ready = await get('/readyz', adminToken);
          assert.equal(ready.body.status, 'ready');
          assert.equal(ready.body.index.observables, ROWS);
          const late = await get(`/api/v1/lookup?value=${seededIp(ROWS - 1)}`, token);
          assert.equal(late.status, 200);
          assert.equal(late.body.summary.known, 1, 'the last row seeded is found once ready');
        } finally {
          await app.close();
          await node.close();
        }
      } finally {
        await store.dispose();
        dir.dispose();
      }
    });
  });
}

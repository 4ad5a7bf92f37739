// The importing thread's side of an import worker (import-worker.ts): feeds it the byte
// stream as it asks and hands back its batches in order, as preparedBatches would here.
//
// One idle worker is kept for the process, not per node: a thread is a process resource like
// libuv's pool, and one kept warm reads at full speed from its first batch. It is unref'd
// while idle, so it never keeps a process alive; imports that overlap get a thread each, and
// only one goes back to wait.

import { Worker } from 'node:worker_threads';
import { AccordError } from '../errors.js';
import type { BatchEvent, BatchPlan } from './import-batches.js';
import type { FromWorker, ToWorker } from './import-worker-protocol.js';
import type { WarninglistMatcher } from './warninglists/matcher.js';

const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER = new URL(`./import-worker.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url);

/**
 * Built, the worker runs the JavaScript. From source (tests, benches under tsx) it must first
 * register tsx in its own thread: Node 20 gives a worker neither the parent's loader hooks nor,
 * in time for its first module, those of an inherited `--import tsx`.
 */
function startWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const boot = `import(${tsx}).then((t) => { t.register(); return import(${JSON.stringify(WORKER.href)}); })`;
  return new Worker(boot, { eval: true });
}

let idle: Worker | null = null;
// Which set of warninglists each worker holds already (by WarninglistMatcher.key).
const listsHeld = new WeakMap<Worker, number>();

function acquire(): Worker {
  const w = idle ?? startWorker();
  idle = null;
  w.ref();
  return w;
}

/** A worker that finished its import cleanly waits for the next; any other is stopped. */
function release(w: Worker, clean: boolean): void {
  w.removeAllListeners('message');
  w.removeAllListeners('error');
  w.removeAllListeners('exit');
  if (clean && idle === null) {
    idle = w;
    w.unref();
    // Dies between imports (it should not): forget it.
    w.once('exit', () => {
      if (idle === w) idle = null;
    });
  } else void w.terminate();
}

/** Batches prepared on a worker thread; `return()` (or a `for await` left early) stops it. */
export async function* preparedBatchesInWorker(
  chunks: AsyncIterable<Buffer | string>,
  plan: BatchPlan,
  lists: WarninglistMatcher,
): AsyncGenerator<BatchEvent, void, undefined> {
  const source = chunks[Symbol.asyncIterator]();
  const worker = acquire();
  const queue: (BatchEvent | Error)[] = [];
  let wake: (() => void) | null = null;
  let over = false;
  const push = (x: BatchEvent | Error) => {
    queue.push(x);
    wake?.();
    wake = null;
  };
  const send = (m: ToWorker, transfer?: ArrayBuffer[]) => worker.postMessage(m, transfer);
  const pull = async () => {
    try {
      const r = await source.next();
      // After the worker's last word, nothing more of this import may reach it.
      if (over) return;
      if (r.done) return send({ kind: 'eof' });
      const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
      // One copy, then moved: the chunk's own memory may be a pool shared with other buffers.
      const data = new Uint8Array(chunk.byteLength);
      data.set(chunk);
      send({ kind: 'chunk', data }, [data.buffer]);
    } catch (e) {
      push(e as Error);
    }
  };
  // Pulls are answered one at a time, in order: a stream's next() must not overlap itself.
  let pulling = Promise.resolve();
  worker.on('message', (m: FromWorker) => {
    if (m.kind === 'pull') pulling = pulling.then(pull);
    else if (m.kind === 'error') {
      over = true;
      push(m.code ? new AccordError(m.code, m.message, m.details) : new Error(m.message));
    } else {
      if (m.kind === 'end') over = true;
      push(m);
    }
  });
  worker.on('error', (e) => push(e));
  worker.on('exit', (code) => push(new Error(`the import worker stopped (exit code ${code})`)));
  // The lists cross once per worker and set of lists, not once per import.
  const holds = listsHeld.get(worker) === lists.key;
  send({ kind: 'start', plan, listsKey: lists.key, ...(holds ? {} : { lists: lists.lists }) });
  listsHeld.set(worker, lists.key);
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((r) => (wake = r));
      const next = queue.shift()!;
      if (next instanceof Error) throw next;
      if (next.kind === 'batch') send({ kind: 'ack' });
      yield next;
      if (next.kind === 'end') return;
      // The caller writes between batches without turning the event loop; this turn lets the
      // worker's requests for bytes and its next batches in, so it never waits on the writer.
      await new Promise<void>((r) => setImmediate(r));
    }
  } finally {
    // Kept only when the worker said its last word: then nothing more of this import reaches
    // it (a read still under way sees `over` and drops its chunk), and it may serve the next.
    // Not awaited: a stalled client's next chunk must not hold the import's answer.
    release(worker, over);
  }
}

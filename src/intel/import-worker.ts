// A worker thread that reads and prepares streamed imports (import-batches.ts) while the
// importing thread writes. It serves one import at a time and then waits for the next, so
// that its compiled code stays warm (a fresh thread reads the first batches at half speed).
// Bytes come in as the reader asks for them, batches go back in order, and at most AHEAD
// batches wait unacknowledged, so memory stays bounded however slowly the writer goes.
// Errors go back as data, after every batch read before them.

import { parentPort } from 'node:worker_threads';
import { AccordError } from '../errors.js';
import { type BatchPlan, preparedBatches } from './import-batches.js';
import type { FromWorker, ToWorker } from './import-worker-protocol.js';
import { WarninglistMatcher } from './warninglists/matcher.js';

const AHEAD = 2;
// Bytes asked for before they are needed, so that reading never waits on a round trip to
// the importing thread, which answers only between its writes.
const READ_AHEAD = 3;

const port = parentPort;
if (!port) throw new Error('import-worker.ts runs as a worker thread');
const send = (m: FromWorker) => port.postMessage(m);

/** One import's state on this side. */
class Job {
  private readonly chunks: IteratorResult<Buffer>[] = [];
  private asked = 0;
  private wakeReader: (() => void) | null = null;
  private unacked = 0;
  private wakeWriter: (() => void) | null = null;

  readonly source: AsyncIterable<Buffer> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        this.askAhead();
        while (this.chunks.length === 0) await new Promise<void>((r) => (this.wakeReader = r));
        const next = this.chunks[0]!;
        // The end stays at the front: asked again, the stream is still over.
        if (!next.done) this.chunks.shift();
        this.askAhead();
        return next;
      },
    }),
  };

  private askAhead(): void {
    if (this.chunks.at(-1)?.done) return;
    while (this.chunks.length + this.asked < READ_AHEAD) {
      this.asked++;
      send({ kind: 'pull' });
    }
  }

  received(m: Exclude<ToWorker, { kind: 'start' | 'ack' }>): void {
    this.asked--;
    this.chunks.push(
      m.kind === 'eof' ? { done: true, value: undefined } : { done: false, value: Buffer.from(m.data) },
    );
    this.wakeReader?.();
    this.wakeReader = null;
  }

  acked(): void {
    this.unacked--;
    this.wakeWriter?.();
    this.wakeWriter = null;
  }

  async run(plan: BatchPlan, lists: WarninglistMatcher): Promise<void> {
    try {
      for await (const event of preparedBatches(this.source, plan, lists)) {
        send(event);
        if (event.kind === 'end') return;
        this.unacked++;
        while (this.unacked >= AHEAD) await new Promise<void>((r) => (this.wakeWriter = r));
      }
    } catch (e) {
      const err = e as Error;
      send({
        kind: 'error',
        message: err.message,
        ...(e instanceof AccordError ? { code: e.code, details: e.details } : {}),
      });
    }
  }
}

let job: Job | null = null;
// The last set of warninglists, built once and kept while the importing thread names it.
let held: { key: number; lists: WarninglistMatcher } | null = null;

port.on('message', (m: ToWorker) => {
  if (m.kind === 'start') {
    if (m.lists) held = { key: m.listsKey, lists: new WarninglistMatcher(m.lists) };
    if (held?.key !== m.listsKey) throw new Error('the import worker was not sent the warninglists to use');
    job = new Job();
    void job.run(m.plan, held.lists);
  } else if (m.kind === 'ack') job?.acked();
  else job?.received(m);
});

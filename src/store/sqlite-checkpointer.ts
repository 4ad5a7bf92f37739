// WAL checkpoints on a thread of their own. SQLite's default copies the write-ahead log into
// the database inside the commit that takes the log past 1,000 pages: a large import's
// commit then also copies everything it wrote, and better-sqlite3 being synchronous, the
// event loop (every /healthz, every lookup) waits for that copy too — a fifth of the time of
// a 50,000-object import, seconds for a million. Here the importing connection never
// checkpoints (wal_autocheckpoint = 0); a worker thread with its own connection runs PASSIVE
// checkpoints, which wait for nobody and block nobody, while the log holds what it has not
// copied. Durability does not move: a commit is on disk once its log frames are synced.

import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Sqlite from 'better-sqlite3';

/** How often the importing thread looks whether there is something to copy. */
const EVERY_MS = 500;
/** The log's size from which a thread is started at all: SQLite's own threshold, 1,000 pages. */
const START_AT_BYTES = 4 * 1024 * 1024;
/** A log file beyond this is cut back to it once a checkpoint has emptied it. */
const LOG_LIMIT_BYTES = 64 * 1024 * 1024;

// Plain JavaScript evaluated in the worker: it runs the same way from the sources (tsx) and
// the build, and needs nothing but the driver, whose path the opening thread resolves.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  let result;
  try {
    result = db.pragma('wal_checkpoint(PASSIVE)')[0];
  } catch (e) {
    result = { error: String(e && e.message) };
  }
  parentPort.postMessage(result);
});
`;

export interface Checkpointer {
  /** Stops the thread, letting a checkpoint under way finish. Call before closing the connection. */
  stop(): Promise<void>;
}

function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

/** Takes checkpoints of the database at `path` off `sqlite`'s thread. */
export function startCheckpointer(sqlite: Sqlite.Database, path: string): Checkpointer {
  sqlite.pragma('wal_autocheckpoint = 0');
  sqlite.pragma(`journal_size_limit = ${LOG_LIMIT_BYTES}`);
  const changes = sqlite.prepare('select total_changes()').pluck();
  let worker: Worker | null = null;
  let failed = false;
  let busy = false;
  let copied = changes.get() as number;

  /** Something went wrong with the thread: SQLite checkpoints as it would by default. */
  const fallBack = () => {
    failed = true;
    worker = null;
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  };

  const tick = () => {
    if (failed || busy || !sqlite.open) return;
    const now = changes.get() as number;
    if (now === copied) return;
    if (!worker) {
      if (walBytes(path) < START_AT_BYTES) return;
      worker = new Worker(WORKER, {
        eval: true,
        workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), path },
      });
      worker.unref();
      worker.on('message', (r: { error?: string }) => {
        busy = false;
        if (r.error) {
          void worker?.terminate();
          fallBack();
        }
      });
      worker.on('error', fallBack);
      worker.on('exit', () => {
        if (worker) fallBack();
      });
    }
    busy = true;
    copied = now;
    worker.postMessage('checkpoint');
  };
  const timer = setInterval(tick, EVERY_MS);
  timer.unref();

  return {
    async stop() {
      clearInterval(timer);
      const w = worker;
      worker = null;
      if (!w) return;
      w.removeAllListeners('exit');
      // Held while it finishes: an unref'd thread would let the process end under the await.
      w.ref();
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      w.postMessage('close');
      await exited;
    },
  };
}

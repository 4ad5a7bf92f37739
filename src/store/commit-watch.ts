import pg from 'pg';
import type { Db } from './database.js';

// "Another process committed": the federation pusher must wake on a commit made by the CLI, by
// another `accord serve` on the same store, or by federation, not only by its own process.
// PostgreSQL: the triggers of migration 011 NOTIFY accord_changes with the schema's name on a
// commit to objects, tombstones, peers, agreement events or settings; one LISTENing connection
// per process hears them. SQLite: `PRAGMA data_version` changes when another connection
// commits to the file; reading it costs a few microseconds, so it is polled.

export const CHANGES_CHANNEL = 'accord_changes';

export interface CommitWatch {
  stop(): Promise<void>;
}

export function watchCommits(
  db: Db,
  onCommit: () => void,
  o: { pollMs?: number; onError?: (e: Error) => void } = {},
): CommitWatch {
  return db.dialect === 'sqlite'
    ? pollSqlite(db, onCommit, o.pollMs ?? 250)
    : listenPostgres(db, onCommit, o);
}

function pollSqlite(
  db: Extract<Db, { dialect: 'sqlite' }>,
  onCommit: () => void,
  pollMs: number,
): CommitWatch {
  const read = () => {
    try {
      return Number(db.sqlite.pragma('data_version', { simple: true }));
    } catch {
      return -1; // closed: the timer is about to stop
    }
  };
  let seen = read();
  const timer = setInterval(() => {
    const now = read();
    if (now !== seen && now !== -1) {
      seen = now;
      onCommit();
    }
  }, pollMs);
  timer.unref();
  return { stop: async () => clearInterval(timer) };
}

function listenPostgres(db: Db, onCommit: () => void, o: { onError?: (e: Error) => void }): CommitWatch {
  const loc = db.location;
  if (loc.dialect !== 'postgres') throw new Error('not a PostgreSQL store');
  const schema = loc.schema ?? 'public';
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const connect = async () => {
    const c = new pg.Client({ connectionString: loc.connectionString });
    c.on('notification', (n) => {
      if (n.channel === CHANGES_CHANNEL && n.payload === schema) onCommit();
    });
    // A lost connection loses notifications, never data: reconnect and wake once to catch up.
    c.on('error', (e) => {
      o.onError?.(e);
      again();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
      if (stopped) {
        await c.end();
        return;
      }
      client = c;
      onCommit();
    } catch (e) {
      o.onError?.(e as Error);
      await c.end().catch(() => undefined);
      again();
    }
  };
  const again = () => {
    if (stopped || retry) return;
    client = null;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, 1000);
    retry.unref();
  };
  void connect();
  return {
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}

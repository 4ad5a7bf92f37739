import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import { storeBusy } from './store-busy.js';

/** How long a write waits for another process's writer before the store is called busy. */
export const BUSY_TIMEOUT_MS = 5000;
// One try at SQLite's write lock, inside its busy handler: the most the event loop is held.
const TRY_MS = 20;

/**
 * Kysely begins SQLite transactions DEFERRED: the first read takes a snapshot and the first
 * write then asks to upgrade it. When another process on the file (the CLI beside `accord
 * serve`, two imports) committed in between, SQLite refuses the upgrade at once with
 * SQLITE_BUSY — busy_timeout does not wait for it, since waiting could not help. Every
 * transaction Accord opens writes, so it begins IMMEDIATE: it takes the write lock first,
 * waits for another process's writer up to BUSY_TIMEOUT_MS, and reads after the last commit.
 * Within one process Kysely's single connection already runs them one at a time.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // better-sqlite3 is synchronous: left to SQLite's busy handler, the wait for another
    // process's writer (an all-or-nothing import holds the lock as long as it runs) would hold
    // the event loop, and /healthz with it, for up to BUSY_TIMEOUT_MS at a time. So the lock
    // is asked for briefly, and the waits between tries are timers.
    const deadline = Date.now() + BUSY_TIMEOUT_MS;
    await connection.executeQuery(CompiledQuery.raw(`pragma busy_timeout = ${TRY_MS}`));
    try {
      for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
        try {
          await connection.executeQuery(CompiledQuery.raw('begin immediate'));
          return;
        } catch (e) {
          if (!storeBusy(e) || Date.now() >= deadline) throw e;
        }
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    } finally {
      await connection.executeQuery(CompiledQuery.raw(`pragma busy_timeout = ${BUSY_TIMEOUT_MS}`));
    }
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

/**
 * Kysely begins SQLite transactions DEFERRED: the first read takes a snapshot and the first
 * write then asks to upgrade it. When another process on the file (the CLI beside `accord
 * serve`, two imports) committed in between, SQLite refuses the upgrade at once with
 * SQLITE_BUSY — busy_timeout does not wait for it, since waiting could not help. Every
 * transaction Accord opens writes, so it begins IMMEDIATE: it takes the write lock first,
 * waits for another process's writer as long as busy_timeout allows, and reads after the
 * last commit. Within one process Kysely's single connection already runs them one at a time.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
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

import Sqlite from 'better-sqlite3';
import { type CompiledQuery, Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { AccordError } from '../errors.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import { type Checkpointer, startCheckpointer } from './sqlite-checkpointer.js';
import { BUSY_TIMEOUT_MS, ImmediateSqliteDialect } from './sqlite-immediate.js';
import { withStatementCache } from './statement-cache.js';

export type DialectName = 'sqlite' | 'postgres';

interface DbBase {
  kysely: Kysely<Database>;
  /** The URL without its password, for logs and messages. */
  display: string;
  /** Where it is (with any password): what a second connection, such as a listener, opens. */
  location: StoreLocation;
  /** What this process changed that readers may hold in memory (see `StoreWrites`). */
  writes: StoreWrites;
  /** Queries compiled once and run again with new values (see `compiledOnce`). */
  compiled: Map<string, CompiledQuery>;
  /**
   * A value equal between two calls only when nothing was committed to the store meanwhile,
   * by this connection or any other process's: what a reader keeps from a read made after a
   * stamp stays true while the stamp does. Undefined where the database cannot tell for less
   * than a query (PostgreSQL), or inside a transaction: then the reader reads.
   */
  commitStamp(): string | undefined;
  close(): Promise<void>;
}

/**
 * Counters of this process's writes that make an answer kept in memory stale: a reader notes
 * the count before it reads and trusts what it keeps only while the count is unchanged. The
 * object is shared by every handle on the store (a transaction's `{ ...db, kysely: trx }`
 * too). Another process's writes are not counted here: its readers bound their trust in time.
 */
export interface StoreWrites {
  /** Tokens revoked, users disabled or their role changed: who a token speaks for. */
  accounts: number;
}

/**
 * An open database. SQLite also exposes its connection: bulk writes run through cached
 * prepared statements on it, inside the same transaction Kysely opened, because building
 * a fresh multi-row statement per batch costs more than the writes themselves.
 */
export type Db =
  | (DbBase & { dialect: 'sqlite'; sqlite: Sqlite.Database })
  | (DbBase & { dialect: 'postgres' });

/** Where a store lives, parsed from `sqlite:PATH`, `sqlite::memory:` or `postgres://…`. */
export type StoreLocation =
  | { dialect: 'sqlite'; path: string }
  | { dialect: 'postgres'; connectionString: string; schema: string | undefined };

export function parseStoreUrl(url: string): StoreLocation {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path === '') throw new AccordError('ACCORD_BAD_REQUEST', `'${url}' names no file: use sqlite:PATH`);
    return { dialect: 'sqlite', path };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    // `schema` is ours, not libpq's: it keeps several nodes (or test runs) apart in one database.
    const u = new URL(url);
    const schema = u.searchParams.get('schema') ?? undefined;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new AccordError('ACCORD_BAD_REQUEST', `schema '${schema}' must match [a-z_][a-z0-9_]*`);
    }
    u.searchParams.delete('schema');
    return { dialect: 'postgres', connectionString: u.toString(), schema };
  }
  throw new AccordError(
    'ACCORD_BAD_REQUEST',
    `unsupported database URL '${url}': use sqlite:PATH or postgres://USER@HOST:PORT/DB`,
  );
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Opens the store and brings its schema up to date. */
export async function openDatabase(url: string): Promise<Db> {
  const loc = parseStoreUrl(url);
  const opened =
    loc.dialect === 'sqlite'
      ? openSqlite(loc.path)
      : {
          kysely: await openPostgres(loc),
          commitStamp: (): string | undefined => undefined,
          checkpointer: null,
        };
  const kysely = opened.kysely;
  try {
    await migrate(kysely, loc.dialect === 'postgres' ? loc.schema : undefined);
  } catch (e) {
    await opened.checkpointer?.stop();
    await kysely.destroy();
    throw e;
  }
  const base = {
    kysely,
    display: redact(url),
    location: loc,
    writes: { accounts: 0 },
    compiled: new Map<string, CompiledQuery>(),
    commitStamp: opened.commitStamp,
    close: async () => {
      // The checkpoint thread's connection first: the last one to close copies what is left.
      await opened.checkpointer?.stop();
      await kysely.destroy();
    },
  };
  return 'sqlite' in opened
    ? { ...base, dialect: 'sqlite', sqlite: opened.sqlite }
    : { ...base, dialect: 'postgres' };
}

function openSqlite(path: string): {
  kysely: Kysely<Database>;
  sqlite: Sqlite.Database;
  commitStamp: () => string | undefined;
  checkpointer: Checkpointer | null;
} {
  const sqlite = new Sqlite(path === ':memory:' ? ':memory:' : path);
  // WAL lets readers run beside the one writer; FULL sync makes an acknowledged
  // import survive a power cut, not only a crash of the process.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const database = withStatementCache(sqlite);
  return {
    kysely: new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database }) }),
    sqlite,
    commitStamp: sqliteCommitStamp(sqlite),
    checkpointer: path === ':memory:' ? null : startCheckpointer(sqlite, path),
  };
}

/**
 * SQLite's commit stamp, a few microseconds: `PRAGMA data_version` changes when another
 * connection (another process) commits to the file, `total_changes()` counts the rows this
 * connection changed. Rows changed and then rolled back still count, which only costs a read.
 */
function sqliteCommitStamp(sqlite: Sqlite.Database): () => string | undefined {
  const version = sqlite.prepare('PRAGMA data_version').pluck();
  const changes = sqlite.prepare('select total_changes()').pluck();
  return () => {
    if (!sqlite.open || sqlite.inTransaction) return undefined;
    return `${version.get()}:${changes.get()}`;
  };
}

async function openPostgres(loc: { connectionString: string; schema: string | undefined }) {
  const pool = new pg.Pool({
    connectionString: loc.connectionString,
    max: 10,
    // date_added is a bigint of microseconds, well inside a double's exact range.
    types: {
      getTypeParser: (oid: number, format?: string) =>
        oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'),
    },
    ...(loc.schema ? { options: `-c search_path=${loc.schema}` } : {}),
  });
  if (loc.schema) {
    const client = await pool.connect().catch((e: Error) => {
      throw new AccordError('ACCORD_UNAVAILABLE', `cannot reach PostgreSQL: ${e.message}`);
    });
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${loc.schema}`);
    } finally {
      client.release();
    }
  }
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

async function migrate(kysely: Kysely<Database>, schema: string | undefined): Promise<void> {
  // Kysely looks for its bookkeeping tables by name across every schema it can see;
  // naming the schema keeps two nodes sharing one database from mistaking each other's.
  const migrator = new Migrator({
    db: kysely,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return;
    // Kysely's migrator reads the catalogue of every schema in the database; when another
    // node or test sharing the database drops its schema meanwhile, PostgreSQL reports that
    // schema missing (3F000), or one of its tables (42P01) when the drop is half seen.
    // Nothing of ours was changed: look again.
    const e = error as Error & { code?: string };
    const elsewhere =
      schema !== undefined && !e.message.includes(`${schema}.`) && !e.message.includes(`"${schema}"`);
    if ((e.code === '3F000' || e.code === '42P01') && elsewhere && attempt < 3) continue;
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${e.message}`);
  }
}

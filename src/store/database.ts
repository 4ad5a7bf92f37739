import Sqlite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { AccordError } from '../errors.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** The URL without its password, for logs and messages. */
  display: string;
  close(): Promise<void>;
}

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
  const db = loc.dialect === 'sqlite' ? openSqlite(loc.path) : await openPostgres(loc);
  const kysely = db;
  try {
    await migrate(kysely);
  } catch (e) {
    await kysely.destroy();
    throw e;
  }
  return {
    kysely,
    dialect: loc.dialect,
    display: redact(url),
    close: () => kysely.destroy(),
  };
}

function openSqlite(path: string): Kysely<Database> {
  const sqlite = new Sqlite(path === ':memory:' ? ':memory:' : path);
  // WAL lets readers run beside the one writer; FULL sync makes an acknowledged
  // import survive a power cut, not only a crash of the process.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
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

async function migrate(kysely: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db: kysely, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message}`);
  }
}

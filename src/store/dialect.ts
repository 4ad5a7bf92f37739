// What differs between the two databases, behind one interface: the rest of the store asks
// for a writer lock or a text search and never tests which database it is on.
import type { Kysely, Transaction } from 'kysely';
import type { Db, DialectName } from './database.js';
import { postgresDialect } from './dialects/postgres.js';
import { sqliteDialect } from './dialects/sqlite.js';
import type { Database } from './schema.js';

/** Writers that must take turns across connections and processes, each with its own lock. */
export const WRITER_LOCKS = {
  /** Object versions: date_added order must be commit order for TAXII's added_after. */
  ingest: 7270010,
  /** Treaty events: two recorders must not each accept an event the other makes illegal. */
  agreement: 7270020,
  /** The audit chain: two writers must never chain onto the same predecessor. */
  audit: 7270030,
} as const;
export type WriterLock = keyof typeof WRITER_LOCKS;

/** A library document's text as each database indexes it. */
export interface IndexedText {
  party: string;
  id: string;
  exercise: string | null;
  /** The raw text, for PostgreSQL's own Russian and English configurations. */
  text: string;
  /** The text with its Russian words stemmed, for SQLite's FTS5. */
  stemmed: string;
}

export interface TextQuery {
  /** The raw query (PostgreSQL). */
  text: string;
  /** The stemmed FTS5 expression (SQLite). */
  ftsQuery: string;
  exercise: string | null;
  limit: number;
}

export interface StoreDialect {
  readonly name: DialectName;
  /** Holds the lock until `trx` ends. SQLite has one writer already, so there it is free. */
  lock(trx: Transaction<Database>, which: WriterLock): Promise<void>;
  indexText(k: Kysely<Database>, doc: IndexedText): Promise<void>;
  /** Ids of the matching documents, best first. */
  searchText(k: Kysely<Database>, q: TextQuery): Promise<string[]>;
  dropExerciseText(k: Kysely<Database>, exercise: string): Promise<void>;
}

export function dialectOf(db: Db): StoreDialect {
  return db.dialect === 'postgres' ? postgresDialect : sqliteDialect;
}

import type Sqlite from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';
import type { DateAddedClock } from './clock.js';
import type { Db } from './database.js';
import { dialectOf } from './dialect.js';
import type { Database } from './schema.js';

/** A stored version as the ingest needs to see it. */
export interface HeldVersion {
  id: string;
  modified: string;
  party: string;
  hash: string;
  dateAdded: number;
  latest: boolean;
}

export interface ObjectRow {
  party: string;
  id: string;
  modified: string;
  type: string;
  date_added: number;
  source_node: string;
  content_hash: string;
  revoked: number;
  latest: number;
  exercise: string | null;
  signature: string | null;
  json: string;
  release: string;
  release_rank: number;
}

/** The three bulk operations of an ingest, written once per dialect. */
export interface ObjectsWriter {
  /** The versions `party` holds of these ids: its own copies, never another Party's. */
  held(party: string, ids: readonly string[]): Promise<HeldVersion[]>;
  /** Clears the `latest` mark of `party`'s current versions of these objects. */
  demote(party: string, ids: readonly string[]): Promise<void>;
  insert(rows: readonly ObjectRow[]): Promise<void>;
}

// 14 columns × 500 rows stays under SQLite's and PostgreSQL's bound-parameter limits.
const BATCH = 500;

/**
 * A column in a condition that must not choose the index: `+latest = 1` filters the rows a
 * primary-key seek found, where SQLite without statistics would otherwise scan every newest
 * row through (latest, date_added). PostgreSQL reads it the same and plans by its statistics.
 */
export function notIndexed(column: 'latest') {
  return sql<number>`+${sql.ref(column)}`;
}

export function chunks<T>(xs: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

export function objectsWriter(db: Db, trx: Transaction<Database>): ObjectsWriter {
  return db.dialect === 'sqlite' ? sqliteWriter(db.sqlite) : kyselyWriter(trx);
}

const COLUMNS = [
  'party',
  'id',
  'modified',
  'type',
  'date_added',
  'source_node',
  'content_hash',
  'revoked',
  'latest',
  'exercise',
  'signature',
  'json',
  'release',
  'release_rank',
] as const satisfies readonly (keyof ObjectRow)[];

// One statement inserts this many rows: each call into better-sqlite3 and each statement step
// has a fixed cost that, per row, was a fifth of the import (docs/performance.md). Positional
// parameters, because binding by name looks each one up in the row object.
const ROWS_PER_INSERT = 64;

// Rows per unnest insert on PostgreSQL: bounds the size of one message, not its parameters.
const UNNEST_ROWS = 5_000;

function insertSql(rows: number): string {
  const one = `(${COLUMNS.map(() => '?').join(', ')})`;
  return `insert into objects (${COLUMNS.join(', ')}) values ${Array(rows).fill(one).join(', ')}`;
}

function pushRow(args: unknown[], r: ObjectRow): void {
  args.push(
    r.party,
    r.id,
    r.modified,
    r.type,
    r.date_added,
    r.source_node,
    r.content_hash,
    r.revoked,
    r.latest,
    r.exercise,
    r.signature,
    r.json,
    r.release,
    r.release_rank,
  );
}

const statements = new WeakMap<Sqlite.Database, ReturnType<typeof prepare>>();

function prepare(conn: Sqlite.Database) {
  return {
    held: conn.prepare(
      'select id, modified, party, content_hash, date_added, latest from objects where id = ? and party = ?',
    ),
    // `+latest` keeps SQLite off the (latest, date_added) index: without fresh statistics it
    // would rather scan every newest row than seek the one id in the primary key.
    demote: conn.prepare('update objects set latest = 0 where id = ? and party = ? and +latest = 1'),
    insert: conn.prepare(insertSql(1)),
    insertMany: conn.prepare(insertSql(ROWS_PER_INSERT)),
  };
}

/**
 * better-sqlite3 is synchronous and has one connection, so these statements run inside
 * the transaction that Kysely began on it.
 */
function sqliteWriter(conn: Sqlite.Database): ObjectsWriter {
  let s = statements.get(conn);
  if (!s) {
    s = prepare(conn);
    statements.set(conn, s);
  }
  const st = s;
  return {
    async held(party, ids) {
      const out: HeldVersion[] = [];
      for (const id of ids) {
        for (const r of st.held.all(id, party) as Record<string, unknown>[]) {
          out.push({
            id: r.id as string,
            modified: r.modified as string,
            party: r.party as string,
            hash: r.content_hash as string,
            dateAdded: Number(r.date_added),
            latest: Number(r.latest) === 1,
          });
        }
      }
      return out;
    },
    async demote(party, ids) {
      for (const id of ids) st.demote.run(id, party);
    },
    async insert(rows) {
      const args: unknown[] = [];
      let i = 0;
      for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
        args.length = 0;
        for (let j = i; j < i + ROWS_PER_INSERT; j++) pushRow(args, rows[j]!);
        st.insertMany.run(args);
      }
      for (; i < rows.length; i++) {
        args.length = 0;
        pushRow(args, rows[i]!);
        st.insert.run(args);
      }
    },
  };
}

function kyselyWriter(trx: Transaction<Database>): ObjectsWriter {
  return {
    async held(party, ids) {
      const out: HeldVersion[] = [];
      for (const part of chunks(ids)) {
        const rows = await trx
          .selectFrom('objects')
          .select(['id', 'modified', 'party', 'content_hash', 'date_added', 'latest'])
          .where('id', 'in', part)
          .where('party', '=', party)
          .execute();
        for (const r of rows) {
          out.push({
            id: r.id,
            modified: r.modified,
            party: r.party,
            hash: r.content_hash,
            dateAdded: Number(r.date_added),
            latest: Number(r.latest) === 1,
          });
        }
      }
      return out;
    },
    async demote(party, ids) {
      for (const part of chunks(ids)) {
        await trx
          .updateTable('objects')
          .set({ latest: 0 })
          .where('id', 'in', part)
          .where('party', '=', party)
          .where(notIndexed('latest'), '=', 1)
          .execute();
      }
    },
    async insert(rows) {
      // One array per column through unnest: 14 parameters whatever the row count, so the
      // server parses one short statement, and far fewer round trips than 500-row VALUES lists.
      for (const part of chunks(rows, UNNEST_ROWS)) {
        const col = <K extends keyof ObjectRow>(k: K) => part.map((r) => r[k]);
        await sql`insert into objects (${sql.raw(COLUMNS.join(', '))})
          select * from unnest(
            ${col('party')}::text[], ${col('id')}::text[], ${col('modified')}::text[], ${col('type')}::text[],
            ${col('date_added').map(String)}::bigint[], ${col('source_node')}::text[], ${col('content_hash')}::text[],
            ${col('revoked')}::integer[], ${col('latest')}::integer[], ${col('exercise')}::text[],
            ${col('signature')}::text[], ${col('json')}::text[], ${col('release')}::text[],
            ${col('release_rank')}::integer[])`.execute(trx);
      }
    },
  };
}

/**
 * Serialises writers on PostgreSQL so that date_added order is commit order, and brings the
 * clock up to the database's: several `accord serve` processes (on several machines, whose
 * clocks differ a little) share one store, and each must stamp after whatever any of them
 * committed. Under the lock nothing else commits a stamp, so the highest stored one, the
 * database's own clock and this process's clock together give the next free microsecond.
 */
export async function lockIngest(db: Db, trx: Transaction<Database>, clock: DateAddedClock): Promise<void> {
  // A TAXII client paging with added_after must never skip a row that commits late with
  // an earlier stamp; SQLite has one writer already.
  if (db.dialect !== 'postgres') return;
  await dialectOf(db).lock(trx, 'ingest');
  const { rows } = await sql<{ floor: string | number }>`
    select greatest(
      floor(extract(epoch from clock_timestamp()) * 1000000)::bigint - 1,
      coalesce((select max(date_added) from objects), 0),
      coalesce((select max(deleted_at) from tombstones), 0)
    ) as floor`.execute(trx);
  clock.observe(Number(rows[0]!.floor));
}

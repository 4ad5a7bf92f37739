import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from './database.js';
import { visibleLatest } from './listing-window.js';
import { type StoredVersion, toStored } from './objects-repo.js';
import { type ReleaseFilter, releaseCondition } from './release-column.js';
import type { Database } from './schema.js';

/**
 * Which versions of each object a TAXII request asks for (`match[version]`). The values
 * are OR-ed: `first,last` is both ends, `all` is everything. `keys` are fixed-width
 * `modified` keys; `micros` match objects without a version of their own (SCOs), whose
 * TAXII version is their date_added.
 */
export interface VersionMatch {
  all: boolean;
  first: boolean;
  last: boolean;
  keys: readonly string[];
  micros: readonly number[];
}

/** One keyset page of object versions for TAXII, in date_added order. */
export interface VersionPageQuery {
  ids?: readonly string[];
  types?: readonly string[];
  versions: VersionMatch;
  /** Only rows with date_added greater than this (added_after, or the page cursor). */
  after?: number;
  /** Not beyond this date_added: the request's horizon (listing-window.ts). */
  until?: number;
  /** Leave out in SQL the rows this reader could never be shown (the gate decides the rest). */
  release?: ReleaseFilter;
  limit: number;
}

type Eb = ExpressionBuilder<Database, 'objects'>;

/**
 * A column as a plain reference, or wrapped in unary `+` so that the planner cannot use an
 * index on it. With match[id] the primary key (id first) finds a handful of rows; left to itself
 * SQLite prefers (latest, date_added) for the ORDER BY and walks every newest version to
 * find them. Unary plus on an integer is valid on SQLite and PostgreSQL alike.
 */
function column(name: 'latest' | 'date_added', hideFromIndex: boolean) {
  return hideFromIndex
    ? sql<number>`+${sql.ref(`objects.${name}`)}`
    : sql<number>`${sql.ref(`objects.${name}`)}`;
}

function versionCondition(eb: Eb, v: VersionMatch, byId: boolean) {
  const any = [];
  if (v.last) any.push(eb(column('latest', byId), '=', 1));
  if (v.first) {
    // The first version is the one no other version of the same object precedes; the
    // primary key (id, modified, party) answers this in one probe per row.
    any.push(
      eb.not(
        eb.exists(
          eb
            .selectFrom('objects as older')
            .select(sql.lit(1).as('one'))
            .whereRef('older.id', '=', 'objects.id')
            .whereRef('older.modified', '<', 'objects.modified'),
        ),
      ),
    );
  }
  if (v.keys.length > 0) any.push(eb('objects.modified', 'in', [...v.keys]));
  if (v.micros.length > 0) {
    any.push(eb.and([eb('objects.modified', '=', ''), eb(column('date_added', byId), 'in', [...v.micros])]));
  }
  return eb.or(any);
}

/**
 * Rows after a date_added position, filtered in SQL and cut at `limit`: a keyset scan, so
 * the cost of a page does not grow with how far into the collection it is. Never OFFSET.
 */
export async function selectVersionPage(db: Db, q: VersionPageQuery): Promise<StoredVersion[]> {
  const v = q.versions;
  if (!v.all && !v.first && !v.last && v.keys.length === 0 && v.micros.length === 0) return [];
  if (q.ids?.length === 0 || q.types?.length === 0) return [];
  const onlyLast = v.last && !v.all && !v.first && v.keys.length === 0 && v.micros.length === 0;
  if (q.release && onlyLast && !q.ids) {
    const { after, until, limit, release } = q;
    return visibleLatest(db, { ...(q.types ? { types: q.types } : {}), after, until, limit, release });
  }
  let query = db.kysely.selectFrom('objects').selectAll('objects');
  if (q.ids) query = query.where('objects.id', 'in', [...q.ids]);
  if (q.types) query = query.where('objects.type', 'in', [...q.types]);
  const byId = q.ids !== undefined;
  if (q.after !== undefined) query = query.where(column('date_added', byId), '>', q.after);
  if (q.until !== undefined) query = query.where(column('date_added', byId), '<=', q.until);
  const release = q.release;
  if (release) query = query.where((eb) => releaseCondition(eb, release));
  if (!v.all) query = query.where((eb) => versionCondition(eb, v, byId));
  const rows = await query.orderBy('objects.date_added').limit(q.limit).execute();
  return rows.map(toStored);
}

import { sql } from 'kysely';
import type { Db } from './database.js';
import { type StoredVersion, toStored } from './objects-repo.js';
import { type ReleaseFilter, releaseCondition } from './release-column.js';

/** The cheap part of a listing's filters: what an index answers without reading rows. */
export interface WindowQuery {
  /** Only the newest version of each object. */
  latestOnly: boolean;
  types?: readonly string[];
  withoutTypes?: readonly string[];
  ids?: readonly string[];
  /** Walk date_added downwards. */
  newestFirst?: boolean;
}

/**
 * The date_added of the `budget`-th row past `after` in walk order, counting every row the
 * cheap filters admit whether or not the reader may see it; null when fewer remain. A page
 * never looks beyond it, so what one request costs the database has a fixed bound.
 */
export async function listingHorizon(
  db: Db,
  q: WindowQuery,
  after: number | undefined,
  budget: number,
): Promise<number | null> {
  if (q.ids?.length === 0 || q.types?.length === 0) return null;
  let query = db.kysely.selectFrom('objects').select('date_added');
  if (q.latestOnly) query = query.where('latest', '=', 1);
  if (q.types) query = query.where('type', 'in', [...q.types]);
  if (q.withoutTypes?.length) query = query.where('type', 'not in', [...q.withoutTypes]);
  if (q.ids) {
    // A handful of ids: the primary key finds them; keep the planner off date_added.
    query = query.where('id', 'in', [...q.ids]);
    if (after !== undefined) {
      query = query.where(sql<number>`+${sql.ref('date_added')}`, q.newestFirst ? '<' : '>', after);
    }
  } else if (after !== undefined) {
    query = query.where('date_added', q.newestFirst ? '<' : '>', after);
  }
  const row = await query
    .orderBy('date_added', q.newestFirst ? 'desc' : 'asc')
    .limit(1)
    .offset(budget - 1)
    .executeTakeFirst();
  return row ? Number(row.date_added) : null;
}

export interface PositionQuery {
  types?: readonly string[];
  withoutTypes?: readonly string[];
  after?: number;
  until?: number;
  newestFirst?: boolean;
  release: ReleaseFilter;
  limit: number;
}

/**
 * The newest versions a reader may be shown, chosen from the objects_latest_release index
 * alone (every column the inner query names is in it), then read by position in the same
 * statement. Rows the prefilter leaves out are never read: a reader who sees 1% of the store
 * costs index entries, not rows, for the other 99%. One statement rather than positions
 * first and rows after: the round trip and a thousand bound parameters cost more than the
 * page's rows (docs/performance.md, "TAXII read").
 */
export async function visibleLatest(db: Db, q: PositionQuery): Promise<StoredVersion[]> {
  if (q.types?.length === 0) return [];
  const cmp = q.newestFirst ? '<' : '>';
  const order = q.newestFirst ? 'desc' : 'asc';
  const release = q.release;
  const rows = await db.kysely
    .selectFrom('objects')
    .selectAll()
    .where('date_added', 'in', (eb) => {
      let positions = eb.selectFrom('objects').select('date_added').where('latest', '=', 1);
      if (q.types) positions = positions.where('type', 'in', [...q.types]);
      if (q.withoutTypes?.length) positions = positions.where('type', 'not in', [...q.withoutTypes]);
      if (q.after !== undefined) positions = positions.where('date_added', cmp, q.after);
      if (q.until !== undefined)
        positions = positions.where('date_added', q.newestFirst ? '>=' : '<=', q.until);
      return positions
        .where((w) => releaseCondition(w, release))
        .orderBy('date_added', order)
        .limit(q.limit);
    })
    .orderBy('date_added', order)
    .execute();
  return rows.map(toStored);
}

import { sql } from 'kysely';
import type { Db } from './database.js';

/** The cheap part of a listing's filters: what an index answers without reading rows. */
export interface WindowQuery {
  /** Only the newest version of each object. */
  latestOnly: boolean;
  types?: readonly string[];
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

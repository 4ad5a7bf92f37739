import type { Db } from './database.js';

/** The TAXII specification asks for at least 24 hours; a week covers a client away over a weekend. */
export const STATUS_RETENTION_MICROS = 7 * 24 * 3600 * 1_000_000;

/** Stores a status resource and drops the ones past retention (an indexed range delete). */
export async function saveTaxiiStatus(
  db: Db,
  row: { party: string; id: string; createdAt: number; json: string },
): Promise<void> {
  await db.kysely
    .insertInto('taxii_status')
    .values({ party: row.party, id: row.id, created_at: row.createdAt, json: row.json })
    .execute();
  await db.kysely
    .deleteFrom('taxii_status')
    .where('created_at', '<', row.createdAt - STATUS_RETENTION_MICROS)
    .execute();
}

/** The status resource's JSON, when it exists and belongs to the Party. */
export async function getTaxiiStatus(db: Db, party: string, id: string): Promise<string | undefined> {
  const r = await db.kysely
    .selectFrom('taxii_status')
    .select('json')
    .where('party', '=', party)
    .where('id', '=', id)
    .executeTakeFirst();
  return r?.json;
}

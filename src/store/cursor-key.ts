import { randomBytes } from 'node:crypto';
import type { Db } from './database.js';

const SETTING = 'cursor-key';

/**
 * The node's cursor key, made on first use and kept in the settings table: it survives a
 * restart, and several processes serving one database agree on it (the first insert wins,
 * every process reads back the stored one).
 */
export async function readCursorKey(db: Db): Promise<Buffer> {
  await db.kysely
    .insertInto('settings')
    .values({ key: SETTING, value: randomBytes(32).toString('base64') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.kysely
    .selectFrom('settings')
    .select('value')
    .where('key', '=', SETTING)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64');
}

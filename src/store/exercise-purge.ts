// Purging an exercise: its objects and every workflow row made inside it go, in one
// transaction, so nothing of it is left half-deleted.

import type { Db } from './database.js';
import { exchangeDb } from './exchange-repo.js';
import { removeFromIndex } from './library-repo.js';

export async function purgeExerciseRows(
  db: Db,
  exercise: string,
): Promise<{ objects: number; records: number }> {
  return exchangeDb(db)
    .transaction()
    .execute(async (trx) => {
      const ids = trx.selectFrom('exchange_records').select('id').where('exercise', '=', exercise);
      await trx.deleteFrom('exchange_deliveries').where('record_id', 'in', ids).execute();
      await trx.deleteFrom('exchange_events').where('record_id', 'in', ids).execute();
      await trx.deleteFrom('blocking_items').where('exercise', '=', exercise).execute();
      const records = await trx
        .deleteFrom('exchange_records')
        .where('exercise', '=', exercise)
        .executeTakeFirst();
      const objects = await trx.deleteFrom('objects').where('exercise', '=', exercise).executeTakeFirst();
      return { objects: Number(objects.numDeletedRows), records: Number(records.numDeletedRows) };
    })
    .then(async (r) => {
      await removeFromIndex(db, exercise);
      return r;
    });
}

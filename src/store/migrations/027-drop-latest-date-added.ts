import type { Kysely, Migration } from 'kysely';

// objects_latest_date_added (latest, date_added) is the first two columns of
// objects_latest_release (009), which serves every query it served, in the same order. Each
// index costs every insert and every change of `latest`: this one was a tenth of an import's
// insert time for no read it alone could answer.
export const dropLatestDateAdded: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex('objects_latest_date_added').ifExists().execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema
      .createIndex('objects_latest_date_added')
      .on('objects')
      .columns(['latest', 'date_added'])
      .execute();
  },
};

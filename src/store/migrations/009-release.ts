import type { Kysely, Migration } from 'kysely';
import { backfillReleases } from '../release-column.js';
import type { Database } from '../schema.js';

// How far each version was released (release-column.ts), so that listings filter by
// visibility in SQL. Existing rows are summarised here from their stored markings; a row
// whose markings cannot be read gets '?', which every reader's listing still considers.
export const release: Migration = {
  async up(untyped: Kysely<unknown>) {
    const db = untyped as Kysely<Database>;
    await db.schema
      .alterTable('objects')
      .addColumn('release', 'text', (c) => c.notNull().defaultTo('?'))
      .execute();
    await db.schema
      .alterTable('objects')
      .addColumn('release_rank', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await backfillReleases(db);
    // Every column a listing filters on, after the (latest, date_added) it walks: the
    // prefilter is answered from the index without reading the rows it leaves out
    // (listing-window.ts, visiblePositions).
    await db.schema
      .createIndex('objects_latest_release')
      .on('objects')
      .columns(['latest', 'date_added', 'party', 'release', 'release_rank', 'exercise', 'type'])
      .execute();
  },
  async down(untyped: Kysely<unknown>) {
    await untyped.schema.dropIndex('objects_latest_release').execute();
    await untyped.schema.alterTable('objects').dropColumn('release_rank').execute();
    await untyped.schema.alterTable('objects').dropColumn('release').execute();
  },
};

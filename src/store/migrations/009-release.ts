import type { Kysely, Migration } from 'kysely';
import { summariseReleases } from '../release-column.js';
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
    await backfill(db);
    // Every column a listing filters on, after the (latest, date_added) it walks: the
    // prefilter is answered from the index without reading the rows it leaves out.
    await db.schema
      .createIndex('objects_latest_release')
      .on('objects')
      .columns(['latest', 'date_added', 'party', 'release', 'release_rank', 'exercise'])
      .execute();
  },
  async down(untyped: Kysely<unknown>) {
    await untyped.schema.dropIndex('objects_latest_release').execute();
    await untyped.schema.alterTable('objects').dropColumn('release_rank').execute();
    await untyped.schema.alterTable('objects').dropColumn('release').execute();
  },
};

async function backfill(db: Kysely<Database>): Promise<void> {
  let after = -1;
  for (;;) {
    const rows = await db
      .selectFrom('objects')
      .select(['id', 'modified', 'party', 'type', 'json', 'date_added'])
      .where('date_added', '>', after)
      .orderBy('date_added')
      .limit(1000)
      .execute();
    if (rows.length === 0) return;
    const summaries = await summariseReleases(db, rows);
    for (const [i, r] of rows.entries()) {
      const s = summaries[i]!;
      if (s.release === '?' && s.rank === 0) continue;
      await db
        .updateTable('objects')
        .set({ release: s.release, release_rank: s.rank })
        .where('id', '=', r.id)
        .where('modified', '=', r.modified)
        .where('party', '=', r.party)
        .execute();
    }
    after = Number(rows.at(-1)!.date_added);
  }
}

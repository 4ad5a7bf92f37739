import type { Kysely, Migration } from 'kysely';

// Saved feeds (named filters, per Party) and the Suricata/Snort rule ids given out, which must
// stay the same for the same rule however often a feed is regenerated.
export const feeds: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('feeds')
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('feeds_pk', ['party', 'name'])
      .execute();
    await db.schema
      .createTable('feed_sids')
      .addColumn('rule_key', 'text', (c) => c.notNull().primaryKey())
      .addColumn('sid', 'integer', (c) => c.notNull().unique())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('feed_sids').execute();
    await db.schema.dropTable('feeds').execute();
  },
};

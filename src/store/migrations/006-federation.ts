import type { Kysely, Migration } from 'kysely';

// Federation: the nodes this node knows (peers it talks to, and members reached through a
// hub whose keys it pins), with a push and a pull cursor each; and, on tombstones, what a
// deletion needs to travel: the originating node's signature and the deleted version's
// markings, so the policy can decide who may learn of the deletion.
// The outbox is the store's own log — objects and tombstones in date_added order, written in
// the ingest's transaction — read from each peer's push cursor; it needs no table of its own.
// Portable column types only, as in 001.
export const federation: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('peers')
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('node_id', 'text', (c) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addColumn('push_cursor', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('pull_cursor', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('last_push_at', 'text')
      .addColumn('last_pull_at', 'text')
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addPrimaryKeyConstraint('peers_pk', ['node_id'])
      .execute();
    await db.schema.alterTable('tombstones').addColumn('signature', 'text').execute();
    await db.schema.alterTable('tombstones').addColumn('markings', 'text').execute();
    // Ingest asks "was this version deleted?" by id.
    await db.schema.createIndex('tombstones_id').on('tombstones').columns(['id', 'modified']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('tombstones_id').execute();
    await db.schema.alterTable('tombstones').dropColumn('markings').execute();
    await db.schema.alterTable('tombstones').dropColumn('signature').execute();
    await db.schema.dropTable('peers').execute();
  },
};

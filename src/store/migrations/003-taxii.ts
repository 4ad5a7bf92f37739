import type { Kysely, Migration } from 'kysely';

// TAXII 2.1: status resources of POSTs, tombstones of deleted versions, and the index that
// keeps "newest versions in date_added order" a plain index range scan at any offset.
// Portable column types only, as in 001: the same migration runs on SQLite and PostgreSQL.
export const taxii: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('taxii_status')
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('json', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('taxii_status_pk', ['party', 'id'])
      .execute();
    await db.schema.createIndex('taxii_status_created').on('taxii_status').column('created_at').execute();

    await db.schema
      .createTable('tombstones')
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('modified', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'bigint', (c) => c.notNull())
      .addColumn('deleted_by', 'text', (c) => c.notNull())
      .addColumn('source_node', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('tombstones_pk', ['party', 'id', 'modified'])
      .execute();
    await db.schema.createIndex('tombstones_deleted_at').on('tombstones').column('deleted_at').execute();

    // objects_latest_type (latest, type, date_added) serves one type; without a type filter
    // the default TAXII listing (match[version]=last) needs (latest, date_added).
    await db.schema
      .createIndex('objects_latest_date_added')
      .on('objects')
      .columns(['latest', 'date_added'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('objects_latest_date_added').execute();
    for (const t of ['tombstones', 'taxii_status']) await db.schema.dropTable(t).execute();
  },
};

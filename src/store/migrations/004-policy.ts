import type { Kysely, Migration } from 'kysely';

export const policy: Migration = {
  async up(db: Kysely<unknown>) {
    // One chain per node: seq is the order of the chain, so it is the whole key.
    await db.schema
      .createTable('audit_log')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject', 'text')
      .addColumn('details', 'text')
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'seq']).execute();

    await db.schema
      .createTable('consents')
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('requester', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('json', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('consents_pk', ['party', 'id'])
      .execute();
    await db.schema.createIndex('consents_id').on('consents').column('id').execute();
    await db.schema
      .createIndex('consents_requester')
      .on('consents')
      .columns(['requester', 'updated_at'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('consents').execute();
    await db.schema.dropTable('audit_log').execute();
  },
};

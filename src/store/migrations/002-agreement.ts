import type { Kysely, Migration } from 'kysely';

// The treaty events recorded on this node and the depositary notices they produced. Keyed by
// the agreement's id, so a node that switches to another definition keeps the two logs apart.
// Portable column types only, as in 001: the same migration runs on SQLite and PostgreSQL.
export const agreement: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('agreement_events')
      .addColumn('agreement', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('party', 'text')
      .addColumn('json', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('agreement_events_pk', ['agreement', 'id'])
      .execute();
    await db.schema
      .createIndex('agreement_events_date')
      .on('agreement_events')
      .columns(['agreement', 'date'])
      .execute();

    await db.schema
      .createTable('depositary_notices')
      .addColumn('agreement', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('json', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('depositary_notices_pk', ['agreement', 'id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['depositary_notices', 'agreement_events']) await db.schema.dropTable(t).execute();
  },
};

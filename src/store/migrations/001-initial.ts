import type { Kysely, Migration } from 'kysely';

// Portable column types only (text, bigint, integer) so that one migration builds the
// same schema on SQLite and PostgreSQL.
export const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('objects')
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('modified', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('date_added', 'bigint', (c) => c.notNull())
      .addColumn('source_node', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('latest', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('exercise', 'text')
      .addColumn('signature', 'text')
      .addColumn('json', 'text', (c) => c.notNull())
      // id first, so that the key also serves every lookup by id; party is in it for Citus.
      .addPrimaryKeyConstraint('objects_pk', ['id', 'modified', 'party'])
      .execute();
    // date_added is unique because one clock stamps it under the ingest lock (see
    // objects-writer.ts); a unique index would cost every insert and, lacking the party
    // column, keep the table from being distributed by Citus.
    await db.schema.createIndex('objects_date_added').on('objects').column('date_added').execute();
    await db.schema
      .createIndex('objects_latest_type')
      .on('objects')
      .columns(['latest', 'type', 'date_added'])
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('users_pk', ['id'])
      .execute();

    await db.schema
      .createTable('tokens')
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .addPrimaryKeyConstraint('tokens_pk', ['id'])
      .execute();

    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['tokens', 'users', 'settings', 'objects']) await db.schema.dropTable(t).execute();
  },
};

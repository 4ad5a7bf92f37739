import type { Kysely, Migration } from 'kysely';

// Leases: several `accord serve` processes on one PostgreSQL share the node's work, and some
// of it must have one doer at a time: pushing to a peer (two pushers would send everything
// twice and race on the cursor). The holder renews its row; when it dies the row expires and
// another process takes it. Times are the database's clock, in milliseconds.
export const leases: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('leases')
      .addColumn('name', 'text', (c) => c.notNull().primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('leases').execute();
  },
};

import type { Kysely, Migration } from 'kysely';

// Failed sign-ins, so that every process serving one store counts the same guesses: a limit
// kept in each process's memory would let an attacker spread guesses over N processes behind
// a proxy and get N times the tries. One row per failure and scope ('user': this name from
// this address; 'address': any name from it); rows older than the window are deleted as
// failures come in. Times are milliseconds since the epoch.
export const loginFailures: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('login_failures')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('login_failures_key')
      .on('login_failures')
      .columns(['address', 'scope', 'name', 'at'])
      .execute();
    await db.schema.createIndex('login_failures_at').on('login_failures').column('at').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('login_failures').execute();
  },
};

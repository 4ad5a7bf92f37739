import type { Kysely, Migration } from 'kysely';

// "Since your last visit" on the Overview, kept per user on the server rather than per browser,
// so it follows the user from one machine to another. One row per user: when they last looked,
// and the visit before the current one, which is what the Overview counts from.
export const userVisits: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('user_visits')
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'text', (c) => c.notNull())
      .addColumn('visit_started_at', 'text', (c) => c.notNull())
      .addColumn('previous_seen_at', 'text')
      .addPrimaryKeyConstraint('user_visits_pk', ['party', 'user_id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('user_visits').execute();
  },
};

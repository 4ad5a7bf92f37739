import type { Kysely, Migration } from 'kysely';

// Alerts: who wants to hear of what (a user, or every user of a role, of a Party) and where
// (a webhook URL with its signing secret, or an e-mail address); and each delivery, with its
// attempts, so administrators see what was sent and what failed.
export const alerts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('alert_subscriptions')
      .addColumn('id', 'text', (c) => c.notNull().primaryKey())
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('user_name', 'text')
      .addColumn('role', 'text')
      .addColumn('events', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('secret', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('alert_subscriptions_party')
      .on('alert_subscriptions')
      .columns(['party'])
      .execute();
    await db.schema
      .createTable('alert_deliveries')
      .addColumn('id', 'text', (c) => c.notNull().primaryKey())
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('subscription_id', 'text', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('object_id', 'text', (c) => c.notNull())
      .addColumn('dedupe_key', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_status', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text')
      .addUniqueConstraint('alert_deliveries_once', ['subscription_id', 'event', 'dedupe_key'])
      .execute();
    await db.schema
      .createIndex('alert_deliveries_due')
      .on('alert_deliveries')
      .columns(['status', 'next_attempt_at'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('alert_deliveries').execute();
    await db.schema.dropTable('alert_subscriptions').execute();
  },
};

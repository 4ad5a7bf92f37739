import { type Kysely, type Migration, sql } from 'kysely';

// A token's scope: 'all' (what its user may do) or 'feeds' (read /feeds/… and nothing else),
// so a firewall pulling a blocklist holds no analyst's rights.
export const tokenScope: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('tokens')
      .addColumn('scope', 'text', (c) => c.notNull().defaultTo(sql`'all'`))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('tokens').dropColumn('scope').execute();
  },
};

import type { Kysely, Migration } from 'kysely';

// A user's e-mail address, and whether its owner proved it is theirs: alerts go by e-mail only
// to a confirmed address. The code sent to confirm it is kept as a hash, with its expiry.
export const userEmail: Migration = {
  async up(db: Kysely<unknown>) {
    for (const column of ['email', 'email_confirmed_at', 'email_code_hash', 'email_code_expires_at'])
      await db.schema.alterTable('users').addColumn(column, 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    for (const column of ['email', 'email_confirmed_at', 'email_code_hash', 'email_code_expires_at'])
      await db.schema.alterTable('users').dropColumn(column).execute();
  },
};

import type { Db } from './database.js';

export interface UserEmail {
  email: string | null;
  confirmedAt: string | null;
  codeHash: string | null;
  codeExpiresAt: string | null;
}

export async function getUserEmail(db: Db, userId: string): Promise<UserEmail | undefined> {
  const r = await db.kysely
    .selectFrom('users')
    .select(['email', 'email_confirmed_at', 'email_code_hash', 'email_code_expires_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return r
    ? {
        email: r.email,
        confirmedAt: r.email_confirmed_at,
        codeHash: r.email_code_hash,
        codeExpiresAt: r.email_code_expires_at,
      }
    : undefined;
}

/** A new address, unconfirmed until the code whose hash is kept here comes back. */
export async function setUserEmail(
  db: Db,
  userId: string,
  email: string,
  code: { hash: string; expiresAt: string },
): Promise<void> {
  await db.kysely
    .updateTable('users')
    .set({
      email,
      email_confirmed_at: null,
      email_code_hash: code.hash,
      email_code_expires_at: code.expiresAt,
    })
    .where('id', '=', userId)
    .execute();
}

export async function confirmUserEmail(db: Db, userId: string, at: string): Promise<void> {
  await db.kysely
    .updateTable('users')
    .set({ email_confirmed_at: at, email_code_hash: null, email_code_expires_at: null })
    .where('id', '=', userId)
    .execute();
}

/** The confirmed address of the user of this name, or null: where their e-mail alerts may go. */
export async function confirmedEmailOf(db: Db, userName: string): Promise<string | null> {
  const r = await db.kysely
    .selectFrom('users')
    .select(['email', 'email_confirmed_at'])
    .where('name', '=', userName)
    .executeTakeFirst();
  return r?.email && r.email_confirmed_at ? r.email : null;
}

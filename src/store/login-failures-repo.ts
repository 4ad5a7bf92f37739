import type { Db } from './database.js';

// Failed sign-ins (migration 024). The limiter in src/http decides what they mean; this
// file only stores and counts them.

export type LoginFailureScope = 'user' | 'address';

/** A failure counted against `name` from `address`, and against `address` alone. */
export async function recordLoginFailure(db: Db, name: string, address: string, at: number): Promise<void> {
  await db.kysely
    .insertInto('login_failures')
    .values([
      { scope: 'user', name, address, at },
      { scope: 'address', name: '', address, at },
    ])
    .execute();
}

/**
 * The time of the `nth` newest failure after `since` in one scope, or null when there are
 * fewer: once there are `limit` of them, the `limit`-th newest says when a try is allowed again.
 */
export async function nthNewestLoginFailure(
  db: Db,
  key: { scope: LoginFailureScope; name: string; address: string },
  since: number,
  nth: number,
): Promise<number | null> {
  const row = await db.kysely
    .selectFrom('login_failures')
    .select('at')
    .where('address', '=', key.address)
    .where('scope', '=', key.scope)
    .where('name', '=', key.scope === 'user' ? key.name : '')
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .limit(1)
    .offset(nth - 1)
    .executeTakeFirst();
  return row ? Number(row.at) : null;
}

/** A successful sign-in forgets the name's failures from that address (not the address's). */
export async function clearLoginFailures(db: Db, name: string, address: string): Promise<void> {
  await db.kysely
    .deleteFrom('login_failures')
    .where('address', '=', address)
    .where('scope', '=', 'user')
    .where('name', '=', name)
    .execute();
}

/** Deletes failures at or before `before`: they no longer count for anything. */
export async function purgeLoginFailures(db: Db, before: number): Promise<void> {
  await db.kysely.deleteFrom('login_failures').where('at', '<=', before).execute();
}

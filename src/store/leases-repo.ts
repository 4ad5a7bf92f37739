import { type RawBuilder, sql } from 'kysely';
import type { Db } from './database.js';

// One doer at a time across the processes sharing a store (migration 020). Every time is read
// from the database's clock, so processes on machines whose clocks differ agree on expiry.

function dbNowMs(db: Db): RawBuilder<number> {
  return db.dialect === 'postgres'
    ? sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`
    : sql<number>`cast((julianday('now') - 2440587.5) * 86400000 as integer)`;
}

/**
 * Takes or renews the lease `name` for `owner` for `ttlMs`: true when `owner` holds it now.
 * It is taken when free, expired, or already `owner`'s; one statement, so two processes
 * asking at once cannot both get it.
 */
export async function takeLease(db: Db, name: string, owner: string, ttlMs: number): Promise<boolean> {
  const now = dbNowMs(db);
  const { rows } = await sql<{ owner: string }>`
    insert into leases (name, owner, expires_at) values (${name}, ${owner}, ${now} + ${ttlMs})
    on conflict (name) do update set owner = excluded.owner, expires_at = excluded.expires_at
      where leases.owner = excluded.owner or leases.expires_at < ${now}
    returning owner`.execute(db.kysely);
  return rows.length === 1 && rows[0]!.owner === owner;
}

/** Gives the lease up at once (a clean stop), so another process need not wait for expiry. */
export async function releaseLease(db: Db, name: string, owner: string): Promise<void> {
  await db.kysely.deleteFrom('leases').where('name', '=', name).where('owner', '=', owner).execute();
}

/** Who holds each lease now (for tests and `/readyz`-style diagnostics). */
export async function leaseHolders(db: Db): Promise<Map<string, string>> {
  const now = dbNowMs(db);
  const rows = await db.kysely
    .selectFrom('leases')
    .select(['name', 'owner'])
    .where('expires_at', '>=', now)
    .execute();
  return new Map(rows.map((r) => [r.name, r.owner]));
}

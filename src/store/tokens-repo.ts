import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from './database.js';
import { findUserById, type User } from './users-repo.js';

export interface TokenInfo {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

const PREFIX = 'accord_';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Makes a token for a user. The token is 256 random bits, returned once; only its
 * SHA-256 is stored, so a copy of the database does not hand out working tokens.
 * A fast hash is enough here (unlike passwords): the input has full entropy.
 */
export async function createToken(
  db: Db,
  user: User,
  name: string,
): Promise<{ token: string; info: TokenInfo }> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const info: TokenInfo = {
    id: randomUUID(),
    userId: user.id,
    name,
    createdAt: new Date().toISOString(),
    lastUsedAt: null,
  };
  await db.kysely
    .insertInto('tokens')
    .values({
      id: info.id,
      party: user.party,
      user_id: user.id,
      name,
      token_hash: hashToken(token),
      created_at: info.createdAt,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return { token, info };
}

/** The user a bearer token belongs to, or undefined for an unknown, revoked or disabled one. */
export async function authenticateToken(
  db: Db,
  token: string,
): Promise<{ user: User; tokenId: string } | undefined> {
  if (!token.startsWith(PREFIX) || token.length > 200) return undefined;
  const row = await db.kysely
    .selectFrom('tokens')
    .select(['id', 'user_id', 'revoked_at'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return undefined;
  const user = await findUserById(db, row.user_id);
  if (!user || user.disabled) return undefined;
  return { user, tokenId: row.id };
}

export async function touchToken(db: Db, tokenId: string): Promise<void> {
  await db.kysely
    .updateTable('tokens')
    .set({ last_used_at: new Date().toISOString() })
    .where('id', '=', tokenId)
    .execute();
}

export async function revokeToken(db: Db, tokenId: string): Promise<boolean> {
  const r = await db.kysely
    .updateTable('tokens')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function listTokens(db: Db, userId?: string): Promise<TokenInfo[]> {
  let q = db.kysely.selectFrom('tokens').selectAll().where('revoked_at', 'is', null);
  if (userId) q = q.where('user_id', '=', userId);
  const rows = await q.orderBy('created_at').execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
  }));
}

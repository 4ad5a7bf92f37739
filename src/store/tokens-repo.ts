import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from './database.js';
import { findUserById, type User } from './users-repo.js';

/** 'feeds': the token reads /feeds/… and nothing else (a firewall's, a resolver's). */
export type TokenScope = 'all' | 'feeds';
export const TOKEN_SCOPES: readonly TokenScope[] = ['all', 'feeds'];

export interface TokenInfo {
  id: string;
  scope: TokenScope;
  userId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

const PREFIX = 'accord_';

// Anything but 'all' reads as the narrowest scope: an unknown value never widens a token.
const scopeOf = (s: string): TokenScope => (s === 'all' ? 'all' : 'feeds');

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** What a presented token is looked up by: its SHA-256, or undefined when it cannot be one of ours. */
export function tokenLookupKey(token: string): string | undefined {
  if (!token.startsWith(PREFIX) || token.length > 200) return undefined;
  return hashToken(token);
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
  scope: TokenScope = 'all',
): Promise<{ token: string; info: TokenInfo }> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const info: TokenInfo = {
    id: randomUUID(),
    userId: user.id,
    name,
    scope,
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
      scope,
    })
    .execute();
  return { token, info };
}

export interface TokenHolder {
  user: User;
  tokenId: string;
  scope: TokenScope;
}

/** The user a bearer token belongs to, or undefined for an unknown, revoked or disabled one. */
export async function authenticateToken(db: Db, token: string): Promise<TokenHolder | undefined> {
  const key = tokenLookupKey(token);
  return key === undefined ? undefined : authenticateTokenKey(db, key);
}

/** `authenticateToken` for a token's `tokenLookupKey`. */
export async function authenticateTokenKey(db: Db, key: string): Promise<TokenHolder | undefined> {
  const row = await db.kysely
    .selectFrom('tokens')
    .select(['id', 'user_id', 'revoked_at', 'scope'])
    .where('token_hash', '=', key)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return undefined;
  const user = await findUserById(db, row.user_id);
  if (!user || user.disabled) return undefined;
  return { user, tokenId: row.id, scope: scopeOf(row.scope) };
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
  db.writes.accounts += 1;
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
    scope: scopeOf(r.scope),
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
  }));
}

/** A token as its administrators see it: whose it is, and whether it was revoked. Never the secret. */
export interface TokenRecord extends TokenInfo {
  userName: string;
  /** The Party of the token's user: administrators manage their own Party's tokens. */
  userParty: string;
  revokedAt: string | null;
}

function tokenRecords(db: Db) {
  return db.kysely
    .selectFrom('tokens')
    .innerJoin('users', 'users.id', 'tokens.user_id')
    .select([
      'tokens.id',
      'tokens.user_id',
      'tokens.name',
      'tokens.created_at',
      'tokens.last_used_at',
      'tokens.revoked_at',
      'tokens.scope',
      'users.name as user_name',
      'users.party as user_party',
    ]);
}

type TokenRecordRow = {
  id: string;
  user_id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  scope: string;
  user_name: string;
  user_party: string;
};

function toRecord(r: TokenRecordRow): TokenRecord {
  return {
    id: r.id,
    userId: r.user_id,
    userName: r.user_name,
    userParty: r.user_party,
    name: r.name,
    scope: scopeOf(r.scope),
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}

/** Every token, revoked ones too (or those of one user), oldest first. */
export async function listTokenRecords(db: Db, userId?: string): Promise<TokenRecord[]> {
  let q = tokenRecords(db);
  if (userId) q = q.where('tokens.user_id', '=', userId);
  const rows = await q.orderBy('tokens.created_at').orderBy('tokens.id').execute();
  return rows.map(toRecord);
}

export async function findTokenRecord(db: Db, tokenId: string): Promise<TokenRecord | undefined> {
  const r = await tokenRecords(db).where('tokens.id', '=', tokenId).executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

/** Revokes every live token of a user (when the user is disabled); returns how many. */
export async function revokeUserTokens(db: Db, userId: string): Promise<number> {
  const r = await db.kysely
    .updateTable('tokens')
    .set({ revoked_at: new Date().toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  db.writes.accounts += 1;
  return Number(r.numUpdatedRows);
}

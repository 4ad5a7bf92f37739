import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Db } from './database.js';
import { findUserById, type User } from './users-repo.js';

/** A session ends after this long without use… */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** …and in any case this long after sign-in. */
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
// Writing last_seen_at on every request would turn each read into a write.
const TOUCH_EVERY_MS = 60 * 1000;

export interface Session {
  idHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

function hashId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/**
 * The CSRF token of a session: derived from the session id, so nothing more is stored and
 * it can be handed to the page (which cannot read the HttpOnly cookie it comes from).
 */
export function csrfTokenOf(sessionId: string): string {
  return createHmac('sha256', sessionId).update('accord-csrf').digest('base64url');
}

/** Starts a session for the user; the id (256 random bits) is returned once, for the cookie. */
export async function createSession(
  db: Db,
  user: User,
  now = new Date(),
): Promise<{ id: string; session: Session }> {
  const id = randomBytes(32).toString('base64url');
  const session: Session = {
    idHash: hashId(id),
    userId: user.id,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_IDLE_MS).toISOString(),
    lastSeenAt: now.toISOString(),
  };
  await db.kysely
    .insertInto('sessions')
    .values({
      party: user.party,
      id_hash: session.idHash,
      user_id: session.userId,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      last_seen_at: session.lastSeenAt,
    })
    .execute();
  return { id, session };
}

/** The live session with this id and its user; undefined if unknown, expired or the user disabled. */
export async function findSession(
  db: Db,
  id: string,
  now = new Date(),
): Promise<{ session: Session; user: User } | undefined> {
  if (id.length !== 43) return undefined;
  const r = await db.kysely
    .selectFrom('sessions')
    .selectAll()
    .where('id_hash', '=', hashId(id))
    .executeTakeFirst();
  if (!r || r.expires_at <= now.toISOString()) return undefined;
  const user = await findUserById(db, r.user_id);
  if (!user || user.disabled) return undefined;
  const session: Session = {
    idHash: r.id_hash,
    userId: r.user_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastSeenAt: r.last_seen_at,
  };
  if (now.getTime() - Date.parse(r.last_seen_at) > TOUCH_EVERY_MS) await touchSession(db, session, now);
  return { session, user };
}

/** Slides the idle expiry forward, never past the session's maximum age. */
async function touchSession(db: Db, session: Session, now: Date): Promise<void> {
  const cap = Date.parse(session.createdAt) + SESSION_MAX_MS;
  session.lastSeenAt = now.toISOString();
  session.expiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, cap)).toISOString();
  await db.kysely
    .updateTable('sessions')
    .set({ last_seen_at: session.lastSeenAt, expires_at: session.expiresAt })
    .where('id_hash', '=', session.idHash)
    .execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.kysely.deleteFrom('sessions').where('id_hash', '=', hashId(id)).execute();
}

/** Ends every session of a user: after a password change, or when the user is disabled. */
export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.kysely.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Removes sessions that expired; they are refused anyway, this only keeps the table small. */
export async function purgeExpiredSessions(db: Db, now = new Date()): Promise<void> {
  await db.kysely.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
}

import { randomUUID } from 'node:crypto';
import { AccordError } from '../errors.js';
import type { Db } from './database.js';
import type { Role } from './schema.js';

export const ROLES: readonly Role[] = ['analyst', 'liaison', 'admin'];

export interface User {
  id: string;
  party: string;
  name: string;
  role: Role;
  createdAt: string;
  disabled: boolean;
}

export function isRole(x: string): x is Role {
  return (ROLES as readonly string[]).includes(x);
}

export async function addUser(
  db: Db,
  input: { party: string; name: string; role: Role; passwordHash?: string | null },
): Promise<User> {
  if (!/^[A-Za-z0-9._@-]{1,64}$/.test(input.name)) {
    throw new AccordError(
      'ACCORD_VALIDATION',
      `user name '${input.name}' must be 1–64 letters, digits or . _ @ -`,
    );
  }
  const existing = await findUserByName(db, input.name);
  if (existing) throw new AccordError('ACCORD_CONFLICT', `user '${input.name}' already exists`);
  const user: User = {
    id: randomUUID(),
    party: input.party,
    name: input.name,
    role: input.role,
    createdAt: new Date().toISOString(),
    disabled: false,
  };
  await db.kysely
    .insertInto('users')
    .values({
      id: user.id,
      party: user.party,
      name: user.name,
      role: user.role,
      password_hash: input.passwordHash ?? null,
      created_at: user.createdAt,
      disabled: 0,
    })
    .execute();
  return user;
}

type UserRow = { id: string; party: string; name: string; role: Role; created_at: string; disabled: number };

function toUser(r: UserRow): User {
  return {
    id: r.id,
    party: r.party,
    name: r.name,
    role: r.role,
    createdAt: r.created_at,
    disabled: Number(r.disabled) === 1,
  };
}

export async function findUserByName(db: Db, name: string): Promise<User | undefined> {
  const r = await db.kysely.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  return r ? toUser(r) : undefined;
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  const r = await db.kysely.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toUser(r) : undefined;
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.kysely.selectFrom('users').selectAll().orderBy('name').execute();
  return rows.map(toUser);
}

/** Stores a new password hash (made by src/node/passwords.ts); the caller ends the user's sessions. */
export async function setPasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.kysely
    .updateTable('users')
    .set({ password_hash: passwordHash })
    .where('id', '=', userId)
    .execute();
}

/** The user of this name with its stored password hash, for sign-in only. */
export async function findUserWithPassword(
  db: Db,
  name: string,
): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const r = await db.kysely.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  return r ? { user: toUser(r), passwordHash: r.password_hash } : undefined;
}

/**
 * Changes a user's role or disabled flag; undefined when there is no such user. The caller
 * ends a disabled user's sessions and revokes their tokens (src/node/accounts.ts).
 */
export async function updateUser(
  db: Db,
  userId: string,
  change: { role?: Role; disabled?: boolean },
): Promise<User | undefined> {
  const set = {
    ...(change.role !== undefined ? { role: change.role } : {}),
    ...(change.disabled !== undefined ? { disabled: change.disabled ? 1 : 0 } : {}),
  };
  if (Object.keys(set).length > 0) {
    await db.kysely.updateTable('users').set(set).where('id', '=', userId).execute();
    db.writes.accounts += 1;
  }
  return findUserById(db, userId);
}

// Users and their tokens, managed through the API by the node's administrators. Each change
// is written to the audit log with the person who made it; the CLI's `accord user` commands
// are run by whoever holds the node's files, and change the same tables directly.

import type { AuditBody } from '../audit/chain.js';
import { recordAudit } from '../audit/log.js';
import { AccordError } from '../errors.js';
import {
  addUser,
  createToken,
  deleteUserSessions,
  findTokenRecord,
  findUserById,
  findUserByName,
  listTokenRecords,
  type Role,
  revokeToken,
  revokeUserTokens,
  setPasswordHash,
  type TokenRecord,
  type User,
  updateUser,
} from '../store/index.js';
import type { AccordNode } from './node.js';
import { hashPassword } from './passwords.js';

function audit(
  node: AccordNode,
  actor: User,
  action: string,
  subject: { type: string; id: string },
  details?: unknown,
): Promise<unknown> {
  const body: AuditBody = {
    at: new Date().toISOString(),
    actor: { kind: 'user', id: actor.name, party: actor.party },
    action,
    subject,
    ...(details !== undefined ? { details } : {}),
  };
  return recordAudit(node, [body]);
}

/** A user of this node's Party: a node serves one Party, so its people are of that Party. */
export async function createAccount(
  node: AccordNode,
  actor: User,
  input: { name: string; role: Role; password: string },
): Promise<User> {
  // Hashed first: a refused password leaves no user behind.
  const passwordHash = await hashPassword(input.password);
  const user = await addUser(node.store.db, {
    party: node.settings.party,
    name: input.name,
    role: input.role,
    passwordHash,
  });
  await audit(node, actor, 'admin.user.added', { type: 'user', id: user.name }, { role: user.role });
  return user;
}

export interface AccountChange {
  role?: Role;
  disabled?: boolean;
  password?: string;
}

/**
 * Changes a user's role, disabled flag or password. An administrator cannot demote or disable
 * themself, so the node always keeps the administrator who is making changes. Disabling ends
 * the user's sessions and revokes their tokens, so that enabling the user again does not bring
 * back tokens that may have leaked meanwhile; a new password ends the sessions too.
 */
export async function changeAccount(
  node: AccordNode,
  actor: User,
  userId: string,
  change: AccountChange,
): Promise<User> {
  const db = node.store.db;
  const before = await findUserById(db, userId);
  if (!before) throw new AccordError('ACCORD_NOT_FOUND', `no user ${userId}`);
  if (before.id === actor.id && change.disabled === true) {
    throw new AccordError('ACCORD_CONFLICT', 'you cannot disable yourself: another administrator must');
  }
  if (before.id === actor.id && change.role !== undefined && change.role !== 'admin') {
    throw new AccordError(
      'ACCORD_CONFLICT',
      'you cannot take the admin role from yourself: the node must keep an administrator',
    );
  }
  const passwordHash = change.password !== undefined ? await hashPassword(change.password) : undefined;
  // Tokens are revoked before the flag is set: stopped halfway, the node errs on the closed side.
  let revoked = 0;
  if (change.disabled === true && !before.disabled) revoked = await revokeUserTokens(db, userId);
  const user = (await updateUser(db, userId, {
    ...(change.role !== undefined ? { role: change.role } : {}),
    ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
  }))!;
  if (passwordHash) await setPasswordHash(db, userId, passwordHash);
  if (change.disabled === true || passwordHash) await deleteUserSessions(db, userId);
  await audit(
    node,
    actor,
    'admin.user.changed',
    { type: 'user', id: user.name },
    {
      ...(change.role !== undefined && change.role !== before.role
        ? { role: [before.role, change.role] }
        : {}),
      ...(change.disabled !== undefined && change.disabled !== before.disabled
        ? { disabled: change.disabled }
        : {}),
      ...(passwordHash ? { password: 'reset' } : {}),
      ...(revoked > 0 ? { tokens_revoked: revoked } : {}),
    },
  );
  return user;
}

const isAdmin = (u: User) => u.role === 'admin';

/** The tokens a user may see: an administrator sees every token, anyone else only their own. */
export async function visibleTokens(
  node: AccordNode,
  actor: User,
  userName?: string,
): Promise<TokenRecord[]> {
  if (!isAdmin(actor)) {
    if (userName !== undefined && userName !== actor.name) return [];
    return listTokenRecords(node.store.db, actor.id);
  }
  if (userName === undefined) return listTokenRecords(node.store.db);
  const user = await findUserByName(node.store.db, userName);
  return user ? listTokenRecords(node.store.db, user.id) : [];
}

/**
 * Makes a token for a user; the secret is returned here once and never again. Anyone may make
 * tokens for themself (a script of theirs acts with their own rights); only an administrator
 * for someone else.
 */
export async function issueToken(
  node: AccordNode,
  actor: User,
  input: { user?: string; name: string },
): Promise<{ token: string; record: TokenRecord }> {
  const name = input.user ?? actor.name;
  if (name !== actor.name && !isAdmin(actor)) {
    throw new AccordError('ACCORD_FORBIDDEN', 'only an administrator makes tokens for another user');
  }
  const owner = name === actor.name ? actor : await findUserByName(node.store.db, name);
  if (!owner) throw new AccordError('ACCORD_NOT_FOUND', `no user '${name}'`, { path: '$.user' });
  if (owner.disabled) throw new AccordError('ACCORD_CONFLICT', `user '${name}' is disabled: enable it first`);
  const { token, info } = await createToken(node.store.db, owner, input.name);
  await audit(
    node,
    actor,
    'token.created',
    { type: 'token', id: info.id },
    { user: owner.name, name: info.name },
  );
  return { token, record: { ...info, userName: owner.name, revokedAt: null } };
}

/** Revokes a token: one's own, or any as an administrator. Another's is answered as missing. */
export async function revokeTokenAs(node: AccordNode, actor: User, tokenId: string): Promise<TokenRecord> {
  const db = node.store.db;
  const found = await findTokenRecord(db, tokenId);
  if (!found || (found.userId !== actor.id && !isAdmin(actor))) {
    throw new AccordError('ACCORD_NOT_FOUND', `no token ${tokenId}`);
  }
  if (found.revokedAt !== null)
    throw new AccordError('ACCORD_CONFLICT', `token ${tokenId} is already revoked`);
  await revokeToken(db, tokenId);
  await audit(node, actor, 'token.revoked', { type: 'token', id: tokenId }, { user: found.userName });
  return (await findTokenRecord(db, tokenId))!;
}

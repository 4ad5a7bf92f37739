// Users and their tokens, managed through the API by administrators. Each change is written
// to the audit log with the person who made it and the Party of the user it touched; the
// CLI's `accord user` commands are run by whoever holds the node's files (src/cli).
//
// How far an administrator reaches (docs/administration.md):
//   - over users of their own Party: everything;
//   - an administrator of the node's Party over a user of another Party kept on the node
//     (single-node and training use): see them and shut them out (disable, revoke a token),
//     but never act as them (no token for them, no password, no role change);
//   - an administrator of another Party over anyone else: nothing, and the answer is the one
//     for a user that does not exist, so that no name or id of the node's people leaks.

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
  listUsers,
  type Role,
  revokeToken,
  revokeUserTokens,
  setPasswordHash,
  type TokenRecord,
  type TokenScope,
  type User,
  updateUser,
} from '../store/index.js';
import type { AccordNode } from './node.js';
import { hashPassword } from './passwords.js';

/** A user of another Party than the node's: it acts only as its own Party. */
export const isForeign = (node: AccordNode, user: Pick<User, 'party'>): boolean =>
  user.party !== node.settings.party;

type Reach = 'manage' | 'oversee' | 'none';

function reach(node: AccordNode, actor: User, party: string): Reach {
  if (actor.party === party) return 'manage';
  return isForeign(node, actor) ? 'none' : 'oversee';
}

const isAdmin = (u: User) => u.role === 'admin';

function audit(
  node: AccordNode,
  actor: User,
  action: string,
  subject: { type: string; id: string; party: string },
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

const userSubject = (u: User) => ({ type: 'user', id: u.name, party: u.party });

/** The users an administrator may see: those of their Party, or all for the node's Party. */
export async function visibleUsers(node: AccordNode, actor: User): Promise<User[]> {
  return (await listUsers(node.store.db)).filter((u) => reach(node, actor, u.party) !== 'none');
}

/** A user the administrator may see, or the 404 of a user that does not exist. */
async function seenUser(node: AccordNode, actor: User, userId: string): Promise<User> {
  const user = await findUserById(node.store.db, userId);
  if (!user || reach(node, actor, user.party) === 'none') {
    throw new AccordError('ACCORD_NOT_FOUND', `no user ${userId}`);
  }
  return user;
}

function actsAs(user: User, what: string): AccordError {
  return new AccordError(
    'ACCORD_FORBIDDEN',
    `${user.name} is a user of ${user.party}: only ${user.party}'s administrators ${what}; you may disable them`,
  );
}

/**
 * A user of the node's Party. An administrator of another Party adds none: their Party's
 * people on this node are the operator's to add (`accord user add NAME --party X`), and a
 * name taken by one of the node's people must not be learnt from a refusal.
 */
export async function createAccount(
  node: AccordNode,
  actor: User,
  input: { name: string; role: Role; password: string },
): Promise<User> {
  if (isForeign(node, actor)) {
    throw new AccordError(
      'ACCORD_FORBIDDEN',
      `users are added by administrators of ${node.settings.party}, the node's Party; a user of ${actor.party} is added by the node's operator with 'accord user add NAME --party ${actor.party}'`,
    );
  }
  // Hashed first: a refused password leaves no user behind.
  const passwordHash = await hashPassword(input.password);
  const user = await addUser(node.store.db, {
    party: node.settings.party,
    name: input.name,
    role: input.role,
    passwordHash,
  });
  await audit(node, actor, 'admin.user.added', userSubject(user), { user_id: user.id, role: user.role });
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
  const before = await seenUser(node, actor, userId);
  if (reach(node, actor, before.party) === 'oversee') {
    if (change.role !== undefined) throw actsAs(before, 'change their role');
    if (change.password !== undefined) throw actsAs(before, 'set their password');
  }
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
  await audit(node, actor, 'admin.user.changed', userSubject(user), {
    user_id: user.id,
    ...(change.role !== undefined && change.role !== before.role ? { role: [before.role, change.role] } : {}),
    ...(change.disabled !== undefined && change.disabled !== before.disabled
      ? { disabled: change.disabled }
      : {}),
    ...(passwordHash ? { password: 'reset' } : {}),
    ...(revoked > 0 ? { tokens_revoked: revoked } : {}),
  });
  return user;
}

/** The tokens a user may see: an administrator those of the users they see, anyone else their own. */
export async function visibleTokens(
  node: AccordNode,
  actor: User,
  userName?: string,
): Promise<TokenRecord[]> {
  if (!isAdmin(actor)) {
    if (userName !== undefined && userName !== actor.name) return [];
    return listTokenRecords(node.store.db, actor.id);
  }
  if (userName === undefined) {
    return (await listTokenRecords(node.store.db)).filter((t) => reach(node, actor, t.userParty) !== 'none');
  }
  const user = await findUserByName(node.store.db, userName);
  return user && reach(node, actor, user.party) !== 'none' ? listTokenRecords(node.store.db, user.id) : [];
}

/**
 * Makes a token for a user; the secret is returned here once and never again. Anyone may make
 * tokens for themself (a script of theirs acts with their own rights); only an administrator
 * of the user's Party for someone else, since a token is the power to act as its user.
 */
export async function issueToken(
  node: AccordNode,
  actor: User,
  input: { user?: string; name: string; scope?: TokenScope },
): Promise<{ token: string; record: TokenRecord }> {
  const name = input.user ?? actor.name;
  if (name !== actor.name && !isAdmin(actor)) {
    throw new AccordError('ACCORD_FORBIDDEN', 'only an administrator makes tokens for another user');
  }
  const owner = name === actor.name ? actor : await findUserByName(node.store.db, name);
  const seen = owner ? reach(node, actor, owner.party) : 'none';
  if (!owner || seen === 'none') {
    throw new AccordError('ACCORD_NOT_FOUND', `no user '${name}'`, { path: '$.user' });
  }
  if (seen === 'oversee') throw actsAs(owner, 'make tokens for them');
  if (owner.disabled) throw new AccordError('ACCORD_CONFLICT', `user '${name}' is disabled: enable it first`);
  const { token, info } = await createToken(node.store.db, owner, input.name, input.scope ?? 'all');
  await audit(
    node,
    actor,
    'token.created',
    { type: 'token', id: info.id, party: owner.party },
    { user: owner.name, user_id: owner.id, name: info.name, scope: info.scope },
  );
  return { token, record: { ...info, userName: owner.name, userParty: owner.party, revokedAt: null } };
}

/**
 * Revokes a token: one's own, or as an administrator one of a user they see. Any other is
 * answered as missing.
 */
export async function revokeTokenAs(node: AccordNode, actor: User, tokenId: string): Promise<TokenRecord> {
  const db = node.store.db;
  const found = await findTokenRecord(db, tokenId);
  const mine = found?.userId === actor.id;
  if (!found || (!mine && (!isAdmin(actor) || reach(node, actor, found.userParty) === 'none'))) {
    throw new AccordError('ACCORD_NOT_FOUND', `no token ${tokenId}`);
  }
  if (found.revokedAt !== null)
    throw new AccordError('ACCORD_CONFLICT', `token ${tokenId} is already revoked`);
  await revokeToken(db, tokenId);
  await audit(
    node,
    actor,
    'token.revoked',
    { type: 'token', id: tokenId, party: found.userParty },
    { user: found.userName, user_id: found.userId },
  );
  return (await findTokenRecord(db, tokenId))!;
}

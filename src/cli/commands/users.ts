import type { AuditSubject } from '../../audit/chain.js';
import { recordAudit } from '../../audit/log.js';
import { AccordError } from '../../errors.js';
import { isForeign } from '../../node/accounts.js';
import type { AccordNode } from '../../node/node.js';
import { hashPassword } from '../../node/passwords.js';
import {
  addUser,
  createToken,
  deleteUserSessions,
  findUserByName,
  isRole,
  listUsers,
  ROLES,
  setPasswordHash,
} from '../../store/index.js';
import { type Command, print, UsageError } from '../command.js';
import { stringOption, withNode } from '../node-context.js';
import { readSecretFromStdin } from '../read-stdin.js';

/**
 * The operator's changes are audited like an administrator's: the actor is the command (run
 * by whoever holds the node's files, for the node's Party), the subject the user's Party.
 */
async function auditCli(
  node: AccordNode,
  command: string,
  action: string,
  subject: AuditSubject,
  details: unknown,
): Promise<void> {
  await recordAudit(node, [
    {
      at: new Date().toISOString(),
      actor: { kind: 'system', id: `accord ${command}`, party: node.settings.party },
      action,
      subject,
      details,
    },
  ]);
}

export const userAdd: Command = {
  name: 'user add',
  usage: 'accord user add NAME --party CODE --role analyst|liaison|admin [--password-stdin]',
  options: { party: { type: 'string' }, role: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  async run(ctx) {
    const [name, ...extra] = ctx.positionals;
    if (!name || extra.length > 0) throw new UsageError('give exactly one user NAME');
    const party = stringOption(ctx, 'party')?.toUpperCase();
    const role = stringOption(ctx, 'role');
    if (!party) throw new UsageError('--party CODE is required');
    if (!role || !isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    if (!/^[A-Z]{2}$/.test(party)) throw new UsageError(`--party '${party}' must be a two-letter Party code`);
    // Hashed before the node is opened: a refused password leaves no user behind.
    const passwordHash =
      ctx.values['password-stdin'] === true ? await hashPassword(await readSecretFromStdin(ctx.io)) : null;
    const user = await withNode(ctx, async (node) => {
      const u = await addUser(node.store.db, { party, name, role, passwordHash });
      await auditCli(
        node,
        'user add',
        'admin.user.added',
        { type: 'user', id: u.name, party: u.party },
        { user_id: u.id, role: u.role },
      );
      return u;
    });
    print(ctx, user, () => `Added ${user.role} ${user.name} of ${user.party}`);
    return 0;
  },
};

export const tokenCreate: Command = {
  name: 'token create',
  usage: 'accord token create USER [--label TEXT] [--scope all|feeds]',
  options: { label: { type: 'string' }, scope: { type: 'string' } },
  async run(ctx) {
    const [name, ...extra] = ctx.positionals;
    if (!name || extra.length > 0) throw new UsageError('give exactly one user NAME');
    const scope = stringOption(ctx, 'scope') ?? 'all';
    if (scope !== 'all' && scope !== 'feeds')
      throw new UsageError('--scope is all (what the user may do) or feeds (read /feeds/… only)');
    const { token, info } = await withNode(ctx, async (node) => {
      const user = await findUserByName(node.store.db, name);
      if (!user)
        throw new AccordError('ACCORD_NOT_FOUND', `no user '${name}': add one with 'accord user add'`);
      const made = await createToken(node.store.db, user, stringOption(ctx, 'label') ?? 'cli', scope);
      await auditCli(
        node,
        'token create',
        'token.created',
        { type: 'token', id: made.info.id, party: user.party },
        { user: user.name, user_id: user.id, name: made.info.name, scope },
      );
      return made;
    });
    print(
      ctx,
      { token, id: info.id, user: name, scope: info.scope, created_at: info.createdAt },
      () => token,
    );
    return 0;
  },
};

export const userPassword: Command = {
  name: 'user password',
  usage: 'accord user password NAME --password-stdin',
  options: { 'password-stdin': { type: 'boolean' } },
  async run(ctx) {
    const [name, ...extra] = ctx.positionals;
    if (!name || extra.length > 0) throw new UsageError('give exactly one user NAME');
    if (ctx.values['password-stdin'] !== true) {
      throw new UsageError('--password-stdin is required: passwords are never taken from the command line');
    }
    const passwordHash = await hashPassword(await readSecretFromStdin(ctx.io));
    await withNode(ctx, async (node) => {
      const user = await findUserByName(node.store.db, name);
      if (!user)
        throw new AccordError('ACCORD_NOT_FOUND', `no user '${name}': add one with 'accord user add'`);
      await setPasswordHash(node.store.db, user.id, passwordHash);
      await deleteUserSessions(node.store.db, user.id);
      await auditCli(
        node,
        'user password',
        'admin.user.changed',
        { type: 'user', id: user.name, party: user.party },
        { user_id: user.id, password: 'reset' },
      );
    });
    print(ctx, { user: name, password: 'set' }, () => `Set the password of ${name}`);
    return 0;
  },
};

export const userList: Command = {
  name: 'user list',
  usage: 'accord user list [--json]',
  async run(ctx) {
    if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument '${ctx.positionals[0]}'`);
    const { party, users } = await withNode(ctx, async (node) => ({
      party: node.settings.party,
      users: (await listUsers(node.store.db)).map((u) => ({ ...u, foreignParty: isForeign(node, u) })),
    }));
    const rows = users.map((u) => ({
      name: u.name,
      party: u.party,
      role: u.role,
      state: u.disabled ? 'disabled' : 'active',
      foreign: u.foreignParty ? 'FOREIGN PARTY' : '',
    }));
    print(
      ctx,
      users.map((u) => ({
        id: u.id,
        name: u.name,
        party: u.party,
        foreign_party: u.foreignParty,
        role: u.role,
        disabled: u.disabled,
        created_at: u.createdAt,
      })),
      () => table(party, rows),
    );
    return 0;
  },
};

function table(nodeParty: string, rows: Record<string, string>[]): string {
  if (rows.length === 0)
    return `No users: add one with 'accord user add NAME --party ${nodeParty} --role admin'`;
  const cols = ['name', 'party', 'role', 'state', 'foreign'];
  const head: Record<string, string> = {
    name: 'NAME',
    party: 'PARTY',
    role: 'ROLE',
    state: 'STATE',
    foreign: '',
  };
  const width = cols.map((c) => Math.max(...[head, ...rows].map((r) => (r[c] ?? '').length)));
  const line = (r: Record<string, string>) =>
    cols
      .map((c, i) => (r[c] ?? '').padEnd(width[i]!))
      .join('  ')
      .trimEnd();
  const foreign = rows.filter((r) => r.foreign).length;
  const note =
    foreign > 0
      ? `\n${foreign} user(s) of another Party than ${nodeParty}: they act only as their own Party`
      : '';
  return [line(head), ...rows.map(line)].join('\n') + note;
}

import { AccordError } from '../../errors.js';
import { hashPassword } from '../../node/passwords.js';
import {
  addUser,
  createToken,
  deleteUserSessions,
  findUserByName,
  isRole,
  ROLES,
  setPasswordHash,
} from '../../store/index.js';
import { type Command, print, UsageError } from '../command.js';
import { stringOption, withNode } from '../node-context.js';
import { readSecretFromStdin } from '../read-stdin.js';

export const userAdd: Command = {
  name: 'user add',
  summary: 'Add a user of a Party with a role (analyst, liaison, admin)',
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
    const user = await withNode(ctx, (node) => addUser(node.store.db, { party, name, role, passwordHash }));
    print(ctx, user, () => `Added ${user.role} ${user.name} of ${user.party}`);
    return 0;
  },
};

export const tokenCreate: Command = {
  name: 'token create',
  summary: 'Make an API token for a user; prints the token alone (it is shown only once)',
  usage: 'accord token create USER [--label TEXT]',
  options: { label: { type: 'string' } },
  async run(ctx) {
    const [name, ...extra] = ctx.positionals;
    if (!name || extra.length > 0) throw new UsageError('give exactly one user NAME');
    const { token, info } = await withNode(ctx, async (node) => {
      const user = await findUserByName(node.store.db, name);
      if (!user)
        throw new AccordError('ACCORD_NOT_FOUND', `no user '${name}': add one with 'accord user add'`);
      return createToken(node.store.db, user, stringOption(ctx, 'label') ?? 'cli');
    });
    print(ctx, { token, id: info.id, user: name, created_at: info.createdAt }, () => token);
    return 0;
  },
};

export const userPassword: Command = {
  name: 'user password',
  summary: "Set the console password of a user, read from standard input; ends the user's sessions",
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
    });
    print(ctx, { user: name, password: 'set' }, () => `Set the password of ${name}`);
    return 0;
  },
};

import { AccordError } from '../../errors.js';
import {
  askConsent,
  type ConsentDecision,
  decideConsent,
  listConsents,
} from '../../exchange/consent-service.js';
import type { Consent, Recipient } from '../../policy/index.js';
import { type Command, print, UsageError } from '../command.js';
import { stringOption, withNode } from '../node-context.js';
import { actingUser, required } from './exchange.js';

// Article 10's written consent for scripts: a liaison officer asks on the requesting Party's
// node and decides on the originating Party's node, exactly as in the console.

function line(c: Consent): string {
  const to = c.recipient.kind === 'party' ? c.recipient.party : `third party ${c.recipient.id}`;
  return `${c.id}  ${c.status.padEnd(9)}  ${c.requester} asks ${c.grantor}  to ${to}  until ${c.validUntil}  (${c.objectIds.length} object${c.objectIds.length === 1 ? '' : 's'})`;
}

function recipientOf(value: string): Recipient {
  const party = /^party:([A-Za-z]{2})$/.exec(value);
  if (party) return { kind: 'party', party: party[1]!.toUpperCase() };
  const third = /^third-party:(.{1,200})$/.exec(value);
  if (third) return { kind: 'third-party', id: third[1]! };
  throw new UsageError(`--to takes party:CODE or third-party:ID, not '${value}'`);
}

export const consentAsk: Command = {
  name: 'consent ask',
  usage:
    'accord consent ask --as USER --object ID… --to party:CODE|third-party:ID --purpose TEXT --until YYYY-MM-DD',
  options: {
    as: { type: 'string' },
    object: { type: 'string', multiple: true },
    to: { type: 'string' },
    purpose: { type: 'string' },
    until: { type: 'string' },
  },
  async run(ctx) {
    if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument '${ctx.positionals[0]}'`);
    const objects = (ctx.values.object as string[] | undefined) ?? [];
    if (objects.length === 0) throw new UsageError('--object is required (once per object id)');
    const until = required(ctx, 'until');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(until)) throw new UsageError('--until takes a date, YYYY-MM-DD');
    const ask = {
      objectIds: objects,
      recipient: recipientOf(required(ctx, 'to')),
      purpose: required(ctx, 'purpose'),
      validUntil: until,
    };
    const as = required(ctx, 'as');
    const c = await withNode(ctx, async (node) => {
      const user = await actingUser(node, as);
      // As in the API: asking another Party for its written consent is a liaison officer's act.
      if (user.role !== 'liaison' && user.role !== 'admin')
        throw new AccordError(
          'ACCORD_FORBIDDEN',
          `asking for consent needs the role liaison or admin; ${as} is ${user.role}`,
        );
      return askConsent(node, user, ask);
    });
    print(ctx, c, () => line(c));
    return 0;
  },
};

function decision(name: 'grant' | 'refuse' | 'withdraw'): Command {
  return {
    name: `consent ${name}`,
    usage: `accord consent ${name} ID --as USER${name === 'refuse' ? ' [--reason TEXT]' : ''}`,
    options: { as: { type: 'string' }, ...(name === 'refuse' ? { reason: { type: 'string' } } : {}) },
    async run(ctx) {
      const [id, extra] = ctx.positionals;
      if (!id || extra !== undefined) throw new UsageError(`usage: accord consent ${name} ID --as USER`);
      const reason = stringOption(ctx, 'reason');
      const d: ConsentDecision =
        name === 'refuse' ? { type: 'refuse', ...(reason ? { reason } : {}) } : { type: name };
      const as = required(ctx, 'as');
      const c = await withNode(ctx, async (node) => decideConsent(node, await actingUser(node, as), id, d));
      print(ctx, c, () => line(c));
      return 0;
    },
  };
}

export const consentGrant = decision('grant');
export const consentRefuse = decision('refuse');
export const consentWithdraw = decision('withdraw');

export const consentList: Command = {
  name: 'consent list',
  usage: 'accord consent list --as USER',
  options: { as: { type: 'string' } },
  async run(ctx) {
    if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument '${ctx.positionals[0]}'`);
    const as = required(ctx, 'as');
    const items = await withNode(ctx, async (node) => listConsents(node, (await actingUser(node, as)).party));
    print(ctx, { items }, () => (items.length === 0 ? 'no consents' : items.map(line).join('\n')));
    return 0;
  },
};

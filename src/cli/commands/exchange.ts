import { AccordError } from '../../errors.js';
import { shippedData } from '../../exchange/jurisdiction/data.js';
import { route } from '../../exchange/jurisdiction/route.js';
import { sendNotification } from '../../exchange/notification-service.js';
import { ctxOf } from '../../exchange/records.js';
import { createRequest } from '../../exchange/request-service.js';
import { NOTIFICATION_KINDS, SEVERITIES } from '../../exchange/types/notification.js';
import { type BlockingResource, REQUEST_KINDS } from '../../exchange/types/request.js';
import { TLP_ORDER, type TlpLevel } from '../../policy/index.js';
import { findUserByName, type User } from '../../store/index.js';
import { type Command, type CommandContext, print, UsageError } from '../command.js';
import { stringOption, withNode } from '../node-context.js';

// Scripts act as a named user of the node, so what they send carries that user's Party and
// is recorded in the audit log under that name, as if sent from the console.

function oneOf<T extends string>(
  ctx: CommandContext,
  name: string,
  allowed: readonly T[],
  required: boolean,
): T | undefined {
  const v = stringOption(ctx, name);
  if (v === undefined) {
    if (required) throw new UsageError(`--${name} is required: one of ${allowed.join(', ')}`);
    return undefined;
  }
  if (!(allowed as readonly string[]).includes(v))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return v as T;
}

function list(ctx: CommandContext, name: string): string[] | undefined {
  const v = ctx.values[name];
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : [String(v)])
    .flatMap((x) => x.split(','))
    .map((x) => x.trim())
    .filter(Boolean);
}

export function required(ctx: CommandContext, name: string): string {
  const v = stringOption(ctx, name);
  if (!v) throw new UsageError(`--${name} is required`);
  return v;
}

export async function actingUser(
  node: Parameters<Parameters<typeof withNode>[1]>[0],
  name: string,
): Promise<User> {
  const user = await findUserByName(node.store.db, name);
  if (!user || user.disabled)
    throw new AccordError('ACCORD_NOT_FOUND', `no user '${name}': add one with 'accord user add'`);
  return user;
}

function resourceOf(value: string): BlockingResource {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return { type: 'url', value };
  if (/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(value)) return { type: 'ipv4', value };
  if (value.includes(':')) return { type: 'ipv6', value };
  return { type: 'domain', value };
}

export const notify: Command = {
  name: 'notify',
  usage:
    'accord notify --as USER --kind threat|incident|response-measure --severity low|medium|high|critical --summary TEXT [--body TEXT] [--to CODE,…] [--tlp LEVEL] [--object ID]…',
  options: {
    as: { type: 'string' },
    kind: { type: 'string' },
    severity: { type: 'string' },
    summary: { type: 'string' },
    body: { type: 'string' },
    to: { type: 'string', multiple: true },
    tlp: { type: 'string' },
    object: { type: 'string', multiple: true },
  },
  async run(ctx) {
    if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument '${ctx.positionals[0]}'`);
    const as = required(ctx, 'as');
    const kind = oneOf(ctx, 'kind', NOTIFICATION_KINDS, true)!;
    const severity = oneOf(ctx, 'severity', SEVERITIES, true)!;
    const summary = required(ctx, 'summary');
    const tlp = oneOf(ctx, 'tlp', TLP_ORDER as readonly TlpLevel[], false);
    const recipients = list(ctx, 'to')?.map((p) => p.toUpperCase());
    const objectRefs = list(ctx, 'object');
    const body = stringOption(ctx, 'body');
    const sent = await withNode(ctx, async (node) =>
      sendNotification(node, ctxOf(await actingUser(node, as)), {
        kind,
        severity,
        summary,
        ...(body ? { body } : {}),
        ...(recipients ? { recipients } : {}),
        ...(tlp ? { tlp } : {}),
        ...(objectRefs ? { objectRefs } : {}),
      }),
    );
    print(ctx, sent, () => sent.id);
    return 0;
  },
};

/**
 * Without --to, the addressee is the Party whose jurisdiction the indicators and resources fall
 * in (the routing of /api/v1/jurisdiction); it is said on standard error, so scripts see it.
 */
function proposeAddressee(ctx: CommandContext, values: string[]): string {
  if (values.length === 0)
    throw new UsageError(
      '--to CODE is required, or give --indicator/--resource values to route by jurisdiction',
    );
  const routed = values.map((v) =>
    route(v.replace(/^[a-z][a-z0-9+.-]*:\/\/([^/:]+).*$/i, '$1'), shippedData),
  );
  const parties = [...new Set(routed.map((r) => r.party).filter((p): p is string => p !== null))];
  const said = routed.map((r) => `${r.value} → ${r.party ?? `none (${r.reason})`}`).join('; ');
  if (parties.length !== 1)
    throw new UsageError(
      `${parties.length === 0 ? 'no Party' : `several Parties (${parties.join(', ')})`} by jurisdiction: ${said}; give --to CODE`,
    );
  ctx.io.err(`accord request: addressed to ${parties[0]} by jurisdiction (${said})`);
  return parties[0]!;
}

export const request: Command = {
  name: 'request',
  usage:
    'accord request --as USER --kind information|assistance|blocking [--to CODE: by default the jurisdiction of the indicators/resources] --summary TEXT [--details TEXT] [--legal-basis TEXT] [--case-reference TEXT] [--purpose determine-source|stop-infrastructure] [--indicator VALUE]… [--resource VALUE]… [--criterion ID]… [--evidence TEXT] [--deadline ISO] [--tlp LEVEL] [--draft]',
  options: {
    as: { type: 'string' },
    kind: { type: 'string' },
    to: { type: 'string' },
    summary: { type: 'string' },
    details: { type: 'string' },
    'legal-basis': { type: 'string' },
    'case-reference': { type: 'string' },
    purpose: { type: 'string' },
    indicator: { type: 'string', multiple: true },
    resource: { type: 'string', multiple: true },
    criterion: { type: 'string', multiple: true },
    evidence: { type: 'string' },
    deadline: { type: 'string' },
    tlp: { type: 'string' },
    draft: { type: 'boolean', default: false },
  },
  async run(ctx) {
    if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument '${ctx.positionals[0]}'`);
    const as = required(ctx, 'as');
    const kind = oneOf(ctx, 'kind', REQUEST_KINDS, true)!;
    const summary = required(ctx, 'summary');
    const tlp = oneOf(ctx, 'tlp', TLP_ORDER as readonly TlpLevel[], false);
    const opt = (name: string) => stringOption(ctx, name);
    const indicators = list(ctx, 'indicator');
    const resources = list(ctx, 'resource')?.map(resourceOf);
    const criteria = list(ctx, 'criterion');
    const addressee =
      stringOption(ctx, 'to')?.toUpperCase() ??
      proposeAddressee(ctx, [...(indicators ?? []), ...(resources ?? []).map((r) => r.value)]);
    const made = await withNode(ctx, async (node) =>
      createRequest(node, ctxOf(await actingUser(node, as)), {
        kind,
        addressee,
        summary,
        send: ctx.values.draft !== true,
        ...(opt('details') ? { details: opt('details')! } : {}),
        ...(opt('legal-basis') ? { legalBasis: opt('legal-basis')! } : {}),
        ...(opt('case-reference') ? { caseReference: opt('case-reference')! } : {}),
        ...(opt('evidence') ? { evidence: opt('evidence')! } : {}),
        ...(opt('purpose') ? { purpose: opt('purpose')! } : {}),
        ...(opt('deadline') ? { deadline: opt('deadline')! } : {}),
        ...(tlp ? { tlp } : {}),
        ...(indicators ? { indicators } : {}),
        ...(resources ? { resources } : {}),
        ...(criteria ? { criteria } : {}),
      }),
    );
    print(ctx, made, () => made.id);
    return 0;
  },
};

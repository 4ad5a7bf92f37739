import { userInfo } from 'node:os';
import {
  type AgreementDefinition,
  type AgreementEventKind,
  EVENT_KINDS,
  isIsoDate,
  parseAgreementEvent,
} from '../../agreement/index.js';
import { isAccordError } from '../../errors.js';
import { recordAndAnnounce } from '../../exchange/depositary-service.js';
import { type Owed, obligations } from '../../exchange/withdrawal.js';
import {
  followDepositary,
  loadAgreement,
  type PartyStatusJson,
  type StatusJson,
  statusJson,
  statusOn,
  todayUtc,
} from '../../node/agreement-service.js';
import type { AccordNode } from '../../node/node.js';
import { type Command, type CommandContext, print, UsageError } from '../command.js';
import { stringOption, withNode } from '../node-context.js';

function dateOption(ctx: CommandContext, name: string): string | undefined {
  const value = stringOption(ctx, name);
  if (value !== undefined && !isIsoDate(value)) {
    throw new UsageError(`--${name} '${value}' is not a calendar date written YYYY-MM-DD`);
  }
  return value;
}

function datesOf(p: PartyStatusJson): string {
  switch (p.state) {
    case 'not-signatory':
      return '';
    case 'signatory':
      return `signed ${p.signed_on}${p.notified_on ? `, notified ${p.notified_on}` : ''}`;
    case 'in-force':
      return `since ${p.since}`;
    case 'withdrawal-pending':
      return `since ${p.since}; notice received ${p.notice_received_on}, takes effect ${p.effective_on}`;
    case 'withdrawn':
      return `since ${p.since}; in force from ${p.in_force_from}, notice received ${p.notice_received_on}`;
  }
}

function statusText(def: AgreementDefinition, s: StatusJson): string {
  const names = new Map(def.parties.map((p) => [p.code, p.name.en]));
  const rows = s.parties.map((p) => [`${p.code}  ${names.get(p.code) ?? ''}`, p.state, datesOf(p)]);
  const head = ['PARTY', 'STATE', 'DATES'];
  const widths = [0, 1].map((i) => Math.max(head[i]!.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]}`.trimEnd();
  return [
    `${def.title.en} (${def.id})`,
    `On ${s.at}: ${s.in_force ? `in force since ${s.since}` : 'not in force'}`,
    '',
    line(head),
    ...rows.map(line),
    ...s.protocols.map((p) => `Protocol in force: ${p.protocol} since ${p.since}`),
    ...s.consultations.map(
      (c) => `Consultations open: ${c.consultation} between ${c.parties.join(', ')} since ${c.opened_on}`,
    ),
  ].join('\n');
}

export const agreementStatusCommand: Command = {
  name: 'agreement status',
  usage: 'accord agreement status [--at YYYY-MM-DD] [--json]',
  options: { at: { type: 'string' } },
  async run(ctx) {
    if (ctx.positionals.length > 0) throw new UsageError(`unexpected '${ctx.positionals[0]}'`);
    const at = dateOption(ctx, 'at') ?? todayUtc();
    const { definition, status } = await withNode(ctx, async (node) => {
      const s = await statusOn(node, at);
      const { definition: def } = await loadAgreement(node);
      return { definition: def, status: statusJson(def, s) };
    });
    print(ctx, status, () => statusText(definition, status));
    return 0;
  },
};

function partiesOption(ctx: CommandContext): string[] | undefined {
  const raw = stringOption(ctx, 'party');
  if (raw === undefined) return undefined;
  const codes = raw.split(',').map((c) => c.trim().toUpperCase());
  if (codes.some((c) => c === '')) throw new UsageError(`--party '${raw}' has an empty code`);
  return codes;
}

/** The event the options describe, as JSON for parseAgreementEvent; what a kind needs is a usage error. */
function eventJson(ctx: CommandContext, kind: AgreementEventKind, date: string, source: string) {
  const parties = partiesOption(ctx);
  const protocol = stringOption(ctx, 'protocol');
  const consultation = stringOption(ctx, 'consultation');
  const need = (ok: unknown, what: string): void => {
    if (!ok) throw new UsageError(`${kind} needs ${what}`);
  };
  switch (kind) {
    case 'signature':
    case 'ratification-notified':
    case 'withdrawal-notified':
      need(parties?.length === 1, 'exactly one --party CODE');
      return { kind, date, source, party: parties![0] };
    case 'entry-into-force':
      need(parties, '--party CODE,CODE… (the Parties it entered into force for)');
      return { kind, date, source, parties };
    case 'protocol-in-force':
      need(protocol, '--protocol ID');
      return { kind, date, source, protocol, ...(parties ? { parties } : {}) };
    case 'consultation-opened':
      need(consultation, '--consultation ID');
      need(parties, '--party CODE,CODE… (the Parties to the dispute)');
      return { kind, date, source, consultation, parties };
    case 'consultation-closed':
      need(consultation, '--consultation ID');
      return { kind, date, source, consultation };
  }
}

function operator(node: AccordNode): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): the node id still says where it was recorded.
  }
  return `cli:${user}@${node.settings.nodeId}`;
}

export const agreementRecord: Command = {
  name: 'agreement record',
  usage: `accord agreement record EVENT --party CODE[,CODE…] --date YYYY-MM-DD [--source TEXT] [--protocol ID] [--consultation ID]\n  EVENT: ${EVENT_KINDS.join(', ')}`,
  options: {
    party: { type: 'string' },
    date: { type: 'string' },
    source: { type: 'string' },
    protocol: { type: 'string' },
    consultation: { type: 'string' },
  },
  async run(ctx) {
    const [kind, ...extra] = ctx.positionals;
    if (!kind || extra.length > 0) throw new UsageError('give exactly one EVENT');
    if (!(EVENT_KINDS as readonly string[]).includes(kind)) {
      throw new UsageError(`'${kind}' is not an event: use one of ${EVENT_KINDS.join(', ')}`);
    }
    const date = dateOption(ctx, 'date');
    if (!date) throw new UsageError('--date YYYY-MM-DD is required');
    return withNode(ctx, async (node) => {
      const today = todayUtc();
      const source = stringOption(ctx, 'source') ?? `recorded by node ${node.settings.nodeId} on ${today}`;
      const parsed = parseAgreementEvent(eventJson(ctx, kind as AgreementEventKind, date, source));
      if (!parsed.ok) {
        throw new UsageError(parsed.issues.map((i) => `${i.path} ${i.message}`).join('; '));
      }
      try {
        const out = await recordAndAnnounce(node, parsed.event, operator(node), { today });
        const { definition } = await loadAgreement(node);
        const nodeId = node.settings.nodeId;
        const data = {
          recorded: true,
          node: nodeId,
          id: out.record.id,
          event: out.record.event,
          recorded_by: out.record.recordedBy,
          origin: out.record.origin,
          announced: out.noticeObjectId !== null,
          notice: out.notice.notice,
          status: statusJson(definition, out.status),
        };
        print(ctx, data, () => {
          const n = out.notice.notice;
          return [
            `Recorded ${kind} dated ${date} on node ${nodeId} (event ${out.record.id})`,
            out.noticeObjectId
              ? `Notice for ${n.recipients.join(', ')}: ${n.subject.en}`
              : "A local note: this is not the depositary's node, so nobody is told",
            `  ${n.text.en}`,
          ].join('\n');
        });
        return 0;
      } catch (e) {
        const details = isAccordError(e) ? (e.details as { rule?: string; message?: string }) : undefined;
        if (!details?.rule) throw e;
        if (ctx.global.json) {
          ctx.io.out(
            JSON.stringify({ recorded: false, rule: details.rule, message: details.message }, null, 2),
          );
        } else {
          ctx.io.err(`accord agreement record: refused under the rule ${details.rule}: ${details.message}`);
        }
        return 1;
      }
    });
  },
};

export const agreementDepositary: Command = {
  name: 'agreement depositary',
  usage: 'accord agreement depositary NODE_ID [--json]',
  async run(ctx) {
    const [nodeId, extra] = ctx.positionals;
    if (!nodeId || extra !== undefined) throw new UsageError('give exactly one NODE_ID');
    const node = await withNode(ctx, async (n) => {
      await followDepositary(n, nodeId);
      return n.settings.nodeId;
    });
    print(ctx, { node, depositary_node: nodeId }, () =>
      [
        `Node ${node} now takes the Agreement's events from ${nodeId} alone.`,
        'Events typed in here by hand stay local: they no longer change the status.',
      ].join('\n'),
    );
    return 0;
  },
};

function owedText(o: Owed, who: string): string[] {
  return [
    ...o.requests.map((r) => `  ${who} answer ${r.id}  ${r.state}  due ${r.deadline}  ${r.summary}`),
    ...o.measures.map((m) => `  ${who} measure ${m.measure} of ${m.case}  ${m.state}  due ${m.due}`),
    ...o.consents.map((c) => `  ${who} consent decision ${c.id}`),
  ];
}

export const agreementObligations: Command = {
  name: 'agreement obligations',
  usage: 'accord agreement obligations PARTY [--at YYYY-MM-DD] [--json]',
  options: { at: { type: 'string' } },
  async run(ctx) {
    const [party, extra] = ctx.positionals;
    if (!party || extra !== undefined) throw new UsageError('give exactly one PARTY code');
    const at = dateOption(ctx, 'at') ?? todayUtc();
    const o = await withNode(ctx, (node) => obligations(node, party.toUpperCase(), at));
    print(ctx, o, () =>
      o.settled
        ? `Nothing is open between ${o.counterpart} and ${o.party} on ${o.at}.`
        : [
            `Open between ${o.counterpart} and ${o.party} on ${o.at} (${o.party}: ${o.status?.state ?? 'unknown'}):`,
            ...owedText(o.owes, `${o.party} owes`),
            ...owedText(o.owed, `${o.counterpart} owes`),
          ].join('\n'),
    );
    return 0;
  },
};

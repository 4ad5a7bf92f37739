// Requests of Articles 6 and 7 through their state machine. The requester's object is an
// x-accord-request, the addressee's side an x-accord-response; both are released to the two
// Parties only. Every move is in the request's history and in the audit log.

import { AccordError } from '../errors.js';
import type { AccordNode } from '../node/node.js';
import type { TlpLevel } from '../policy/index.js';
import { addBlockingItems, decideBlockingItems } from '../store/blocking-repo.js';
import { addEvent, getRecord, listEvents, type RecordRow, saveRecord } from '../store/exchange-repo.js';
import type { Db } from '../store/index.js';
import { citedCriteria } from './criteria-service.js';
import { publishOwnStats } from './criteria-stats.js';
import { isDueSoon, isPast, REQUEST_ANSWER_MS } from './deadlines.js';
import {
  auditedWrite,
  type Ctx,
  exerciseOf,
  newId,
  pageRecords,
  publish,
  refsFor,
  stamp,
  visibleRecord,
} from './records.js';
import {
  allowedMoves,
  FINAL_STATES,
  moveRequest,
  type RequestMove,
  type RequestState,
  type Side,
} from './request-machine.js';
import { requestStix, responseStix } from './request-stix.js';
import type { BlockingResource, RequestKind } from './types/request.js';
import { lastBoundDay, refuseWithdrawn, settlementDate } from './withdrawal.js';

export interface NewRequest {
  kind: RequestKind;
  addressee: string;
  summary: string;
  details?: string;
  deadline?: string;
  tlp?: TlpLevel;
  objectRefs?: string[];
  legalBasis?: string;
  caseReference?: string;
  purpose?: string;
  indicators?: string[];
  resources?: BlockingResource[];
  criteria?: string[];
  evidence?: string;
  /** Send at once instead of keeping a draft. */
  send?: boolean;
}

export interface MoveInput {
  note?: string;
  answer?: string;
  objectRefs?: string[];
  documents?: string[];
  ground?: string;
  blocked?: { value: string; blockedAt?: string }[];
  refused?: { value: string; reason: string }[];
}

export interface Stored extends Omit<NewRequest, 'send'> {
  id: string;
  requester: string;
  state: RequestState;
  createdBy: string;
  createdAt: string;
  deadline: string;
  sentAt?: string;
  tlp: TlpLevel;
  exercise: string | null;
  response?: MoveInput & { at: string; by: string };
  reminders: number;
}

function check(r: NewRequest): void {
  const need = (ok: unknown, what: string) => {
    if (!ok) throw new AccordError('ACCORD_VALIDATION', `a ${r.kind} request needs ${what}`);
  };
  if (r.kind === 'information') {
    need(r.legalBasis, 'legal_basis (the legal basis of the request)');
    need(r.caseReference, 'case_reference (the requesting authority’s case)');
  } else if (r.kind === 'assistance') {
    need(
      r.purpose === 'determine-source' || r.purpose === 'stop-infrastructure',
      'purpose: determine-source or stop-infrastructure',
    );
    need(r.indicators?.length, 'indicators');
  } else {
    need(r.resources?.length, 'resources (URL, domain or IP to block)');
    need(r.criteria?.length, 'criteria (ids of the blocking criteria it meets)');
    need(r.evidence, 'evidence');
  }
}

export async function createRequest(node: AccordNode, ctx: Ctx, input: NewRequest): Promise<RequestView> {
  check(input);
  const requester = ctx.user.party;
  if (input.addressee === requester)
    throw new AccordError('ACCORD_VALIDATION', 'a request goes to another Party');
  await refuseWithdrawn(node, [input.addressee], 'a new request');
  if (input.kind === 'blocking') await requireCriteria(node, ctx, input.criteria ?? []);
  const at = stamp();
  const { send, ...rest } = input;
  const r: Stored = {
    ...rest,
    id: newId('x-accord-request'),
    requester,
    state: 'draft',
    createdBy: ctx.user.name,
    createdAt: at,
    deadline: input.deadline ?? new Date(Date.parse(at) + REQUEST_ANSWER_MS).toISOString(),
    tlp: input.tlp ?? 'amber',
    exercise: exerciseOf(ctx),
    reminders: 0,
  };
  await save(node, r, node.store.clock.next());
  await history(node.store.db, ctx, r, 'created', {});
  if (send) return move(node, ctx, r.id, 'send', {});
  return present(node, ctx, r);
}

async function requireCriteria(node: AccordNode, ctx: Ctx, ids: readonly string[]) {
  for (const id of ids) {
    const row = await getRecord(node.store.db, 'criterion', id);
    await visibleRecord(node, { ...ctx.audience, exercise: null }, row, 'criterion', id);
  }
}

export async function save(node: AccordNode, r: Stored, seq: number, db: Db = node.store.db): Promise<void> {
  await saveRecord(db, {
    party: r.requester,
    id: r.id,
    kind: 'request',
    state: r.state,
    exercise: r.exercise,
    seq,
    createdAt: r.createdAt,
    updatedAt: new Date().toISOString(),
    deadline: r.deadline,
    addressee: r.addressee,
    json: JSON.stringify(r),
  });
}

async function history(db: Db, ctx: Ctx, r: Stored, action: string, details: Record<string, unknown>) {
  await addEvent(db, r.requester, r.id, {
    at: new Date().toISOString(),
    actor: { party: ctx.user.party, user: ctx.user.name },
    action,
    details,
  });
}

/** One item per resource and cited criterion: what the statistics count, on both sides. */
export function blockingItems(r: Stored, month: string) {
  return (r.resources ?? []).flatMap((res) =>
    (r.criteria ?? []).map((c) => ({
      party: r.requester,
      requestId: r.id,
      resource: res.value,
      criterion: c,
      addressee: r.addressee,
      month,
      exercise: r.exercise,
    })),
  );
}

function sideOf(r: Stored, party: string): Side {
  if (party === r.requester) return 'requester';
  if (party === r.addressee) return 'addressee';
  throw new AccordError('ACCORD_NOT_FOUND', `no request ${r.id}`);
}

async function load(node: AccordNode, ctx: Ctx, id: string): Promise<{ r: Stored; row: RecordRow }> {
  const held = await getRecord(node.store.db, 'request', id);
  const settling = held
    ? await settlementDate(node, ctx.user.party, JSON.parse(held.json) as Stored)
    : undefined;
  const row = await visibleRecord(node, ctx.audience, held, 'request', id, settling);
  return { r: JSON.parse(row.json) as Stored, row };
}

export async function move(
  node: AccordNode,
  ctx: Ctx,
  id: string,
  m: RequestMove,
  input: MoveInput,
): Promise<RequestView> {
  const { r, row } = await load(node, ctx, id);
  const side = sideOf(r, ctx.user.party);
  const result = moveRequest(r.state, m, side);
  if (!result.ok) {
    throw new AccordError(
      result.code === 'wrong-side' ? 'ACCORD_FORBIDDEN' : 'ACCORD_CONFLICT',
      result.message,
      {
        state: r.state,
        move: m,
        allowed: result.allowed,
      },
    );
  }
  if (m === 'send') await refuseWithdrawn(node, [r.addressee], 'a new request');
  if (m === 'decline' && !input.ground) {
    throw new AccordError('ACCORD_VALIDATION', 'a decline cites its ground in national law: give ground');
  }
  if (
    (m === 'answer' || m === 'partly-answer') &&
    !input.answer &&
    !input.objectRefs?.length &&
    !input.blocked?.length
  ) {
    throw new AccordError(
      'ACCORD_VALIDATION',
      'an answer carries text (answer), objects (object_refs) or, for blocking, what was blocked',
    );
  }
  const at = stamp();
  const from = r.state;
  r.state = result.to;
  if (m === 'remind') r.reminders += 1;
  if (m === 'send') r.sentAt = at;
  if (side === 'addressee' && m !== 'receive' && m !== 'start')
    r.response = { ...input, at, by: ctx.user.name };
  if (m === 'send' || m === 'withdraw') {
    const { stix, m: mk } = requestStix(r, at);
    await publish(node, r.requester, r.exercise, stix, mk.definitions);
  } else if (side === 'addressee') {
    const { stix, m: mk } = responseStix(r, at);
    await publish(node, r.addressee, r.exercise, stix, mk.definitions);
  }
  const details: Record<string, unknown> = { from, to: r.state };
  if (input.note) details.note = input.note;
  if (input.ground) details.ground = input.ground;
  const blocking = r.kind === 'blocking' && side === 'addressee';
  // The request's rows, its history and its audit entry: one transaction.
  await auditedWrite(node, ctx, `request.${m}`, { type: 'x-accord-request', id }, details, async (db) => {
    if (m === 'send' && r.kind === 'blocking') await addBlockingItems(db, blockingItems(r, at.slice(0, 7)));
    if (blocking) {
      const blocked = (input.blocked ?? []).map((b) => b.value);
      const refused = (input.refused ?? []).map((b) => b.value);
      if (m === 'decline')
        refused.push(...(r.resources ?? []).map((x) => x.value).filter((v) => !blocked.includes(v)));
      await decideBlockingItems(db, r.id, blocked, 'blocked', at);
      await decideBlockingItems(db, r.id, refused, 'refused', at);
    }
    await save(node, r, row.seq, db);
    await history(db, ctx, r, m, details);
  });
  // Published after the commit: the statistics count what was just decided.
  if (blocking && r.exercise === null && r.addressee === node.settings.party)
    await publishOwnStats(node, r.criteria ?? []);
  return present(node, ctx, r);
}

export interface RequestView extends Stored {
  /** How many listed ids (request and answer) the reader may not see, left out (absent: none). */
  withheldRefs?: number;
  overdue: boolean;
  /** Open, and its deadline is within three days. */
  dueSoon: boolean;
  allowedMoves: RequestMove[];
  history: Awaited<ReturnType<typeof listEvents>>;
  citedCriteria?: Awaited<ReturnType<typeof citedCriteria>>;
}

async function present(node: AccordNode, ctx: Ctx, r: Stored): Promise<RequestView> {
  const side = sideOf(r, ctx.user.party);
  const open = !FINAL_STATES.has(r.state) && r.state !== 'draft';
  const now = new Date();
  const listed = await refsFor(node, ctx.audience, r.requester, r.objectRefs);
  const answered = r.response && (await refsFor(node, ctx.audience, r.addressee, r.response.objectRefs));
  const withheld = listed.withheld + (answered ? answered.withheld : 0);
  return {
    ...r,
    ...(r.objectRefs ? { objectRefs: listed.refs } : {}),
    ...(r.response && answered && r.response.objectRefs
      ? { response: { ...r.response, objectRefs: answered.refs } }
      : {}),
    ...(withheld > 0 ? { withheldRefs: withheld } : {}),
    overdue: open && isPast(r.deadline, now),
    dueSoon: open && isDueSoon(r.deadline, now),
    allowedMoves: allowedMoves(r.state, side),
    history: await listEvents(node.store.db, r.id),
    ...(r.criteria?.length ? { citedCriteria: await citedCriteria(node, ctx, r.criteria) } : {}),
  };
}

export async function getRequest(node: AccordNode, ctx: Ctx, id: string): Promise<RequestView> {
  return present(node, ctx, (await load(node, ctx, id)).r);
}

export interface RequestFilter {
  box?: 'inbox' | 'sent';
  kind?: string;
  state?: string;
  overdue?: boolean;
  dueSoon?: boolean;
}

export async function listRequests(
  node: AccordNode,
  ctx: Ctx,
  f: RequestFilter,
  limit: number,
  before?: number,
) {
  const party = ctx.user.party;
  const scope =
    f.box === 'sent' ? { party } : f.box === 'inbox' ? { addressee: party } : { involving: party };
  const page = await pageRecords(
    node,
    ctx.audience,
    { kind: 'request', ...scope, ...(f.state ? { state: f.state } : {}) },
    limit,
    before,
    await lastBoundDay(node, party),
  );
  const items: RequestView[] = [];
  for (const row of page.rows) {
    const v = await present(node, ctx, JSON.parse(row.json) as Stored);
    if (f.kind && v.kind !== f.kind) continue;
    if (f.overdue !== undefined && v.overdue !== f.overdue) continue;
    if (f.dueSoon !== undefined && v.dueSoon !== f.dueSoon) continue;
    items.push(v);
  }
  return { items, next: page.next };
}

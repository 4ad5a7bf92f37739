// Article 17: a Party's withdrawal takes effect six months after the depositary receives its
// notice, and the Party is released only "having settled all obligations that have arisen".
// So from that day nothing new is addressed to it (requests, cases, consents), while what is
// already open with it stays readable and answerable until settled; this lists what is left.

import { type AgreementStatus, isIsoDate } from '../agreement/index.js';
import { AccordError } from '../errors.js';
import { statusOn, todayUtc } from '../node/agreement-service.js';
import type { AccordNode } from '../node/node.js';
import type { Consent } from '../policy/index.js';
import { listRecords } from '../store/exchange-repo.js';
import { listConsentsFor } from '../store/index.js';
import type { JointCase } from './case-service.js';
import { FINAL_STATES, type RequestState } from './request-machine.js';
import type { Stored } from './request-service.js';

function withdrawnOn(status: AgreementStatus, party: string) {
  const p = status.parties.find((x) => x.code === party);
  return p?.state === 'withdrawn' ? p : undefined;
}

/**
 * Refuses a new record addressed to a Party whose withdrawal has taken effect: `what` names the
 * record ("a request", "a case") for the message.
 */
export async function refuseWithdrawn(
  node: AccordNode,
  parties: readonly string[],
  what: string,
  date = todayUtc(),
): Promise<void> {
  const status = await statusOn(node, date);
  for (const party of parties) {
    const w = withdrawnOn(status, party);
    if (!w) continue;
    throw new AccordError(
      'ACCORD_PARTY_WITHDRAWN',
      `${party} withdrew from the Agreement with effect from ${w.since}: ${what} cannot be addressed to it; records already open with it stay answerable until settled`,
      { party, state: w.state, effective_on: w.since, notice_received_on: w.noticeReceivedOn },
    );
  }
}

/**
 * The day a record open with a withdrawn Party is read for: the last day that Party was bound,
 * when it still held the record lawfully, so that it keeps reading and answering what is open
 * with it until settled (Article 17). Anything else is read for today, as usual.
 */
export async function settlementDate(
  node: AccordNode,
  party: string,
  r: { requester: string; addressee: string; state: RequestState } | undefined,
): Promise<string | undefined> {
  if (!r || r.state === 'draft' || FINAL_STATES.has(r.state)) return undefined;
  if (party !== r.requester && party !== r.addressee) return undefined;
  const status = await statusOn(node, todayUtc());
  const w = withdrawnOn(status, r.requester) ?? withdrawnOn(status, r.addressee);
  if (!w) return undefined;
  return dayBefore(w.since);
}

/**
 * The last day a withdrawn Party was bound, or undefined while it is bound (or never was): its
 * users list what their node holds as on that day, so what is open with them stays in view.
 */
export async function lastBoundDay(node: AccordNode, party: string): Promise<string | undefined> {
  const w = withdrawnOn(await statusOn(node, todayUtc()), party);
  return w ? dayBefore(w.since) : undefined;
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

export interface OpenRequest {
  id: string;
  kind: string;
  state: RequestState;
  summary: string;
  requester: string;
  addressee: string;
  deadline: string;
}

export interface OpenMeasure {
  case: string;
  title: string;
  measure: string;
  assignee: string;
  state: string;
  due: string;
}

export interface OpenConsent {
  id: string;
  requester: string;
  grantor: string;
  valid_until: string;
}

/** One direction of what is open between two Parties: what one of them has still to do. */
export interface Owed {
  requests: OpenRequest[];
  measures: OpenMeasure[];
  consents: OpenConsent[];
}

export interface Obligations {
  party: string;
  /** The node's own Party, the other side of every item. */
  counterpart: string;
  at: string;
  /** The Party's state on `at` and the dates that apply. */
  status: AgreementStatus['parties'][number] | null;
  /** What `party` still has to do for the node's Party: answers, measures, consent decisions. */
  owes: Owed;
  /** What the node's Party still has to do for `party`. */
  owed: Owed;
  settled: boolean;
}

// The lists are read whole: a Party has hundreds of open records at most, not millions.
const READ_LIMIT = 10_000;

function openRequest(r: Stored): OpenRequest {
  return {
    id: r.id,
    kind: r.kind,
    state: r.state,
    summary: r.summary,
    requester: r.requester,
    addressee: r.addressee,
    deadline: r.deadline,
  };
}

async function requestsBetween(node: AccordNode, from: string, to: string): Promise<OpenRequest[]> {
  const rows = await listRecords(node.store.db, {
    kind: 'request',
    exercise: null,
    party: from,
    addressee: to,
    limit: READ_LIMIT,
  });
  return rows
    .map((row) => JSON.parse(row.json) as Stored)
    .filter((r) => r.state !== 'draft' && !FINAL_STATES.has(r.state))
    .map(openRequest);
}

async function openMeasures(node: AccordNode, a: string, b: string): Promise<OpenMeasure[]> {
  const rows = await listRecords(node.store.db, { kind: 'case', exercise: null, limit: READ_LIMIT });
  const out: OpenMeasure[] = [];
  for (const row of rows) {
    const c = JSON.parse(row.json) as JointCase;
    if (c.state !== 'open' || !c.participants.includes(a) || !c.participants.includes(b)) continue;
    for (const m of c.measures) {
      if (m.assignee !== a || m.state === 'done' || m.state === 'cancelled') continue;
      out.push({
        case: c.id,
        title: c.title,
        measure: m.id,
        assignee: m.assignee,
        state: m.state,
        due: m.due,
      });
    }
  }
  return out;
}

function pendingConsents(all: readonly Consent[], grantor: string, requester: string): OpenConsent[] {
  return all
    .filter((c) => c.status === 'requested' && c.grantor === grantor && c.requester === requester)
    .map((c) => ({ id: c.id, requester: c.requester, grantor: c.grantor, valid_until: c.validUntil }));
}

/** What is still open between the node's Party and `party`, seen from this node. */
export async function obligations(node: AccordNode, party: string, at = todayUtc()): Promise<Obligations> {
  if (!/^[A-Z]{2}$/.test(party))
    throw new AccordError('ACCORD_VALIDATION', `party '${party}' must be a two-letter Party code`);
  if (!isIsoDate(at)) throw new AccordError('ACCORD_VALIDATION', `'${at}' is not a date written YYYY-MM-DD`);
  const here = node.settings.party;
  if (party === here)
    throw new AccordError('ACCORD_VALIDATION', `${party} is this node's own Party: name another Party`);
  const status = await statusOn(node, at);
  const consents = await listConsentsFor(node.store.db, here);
  const owes: Owed = {
    requests: await requestsBetween(node, here, party),
    measures: await openMeasures(node, party, here),
    consents: pendingConsents(consents, party, here),
  };
  const owed: Owed = {
    requests: await requestsBetween(node, party, here),
    measures: await openMeasures(node, here, party),
    consents: pendingConsents(consents, here, party),
  };
  const count = (o: Owed) => o.requests.length + o.measures.length + o.consents.length;
  return {
    party,
    counterpart: here,
    at,
    status: status.parties.find((p) => p.code === party) ?? null,
    owes,
    owed,
    settled: count(owes) + count(owed) === 0,
  };
}

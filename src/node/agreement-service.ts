// The imperative shell around the pure Agreement core: it reads the definition and the events
// recorded on this node, records new ones in one transaction with their depositary notice, and
// answers "who is a Party in force on this date" cheaply enough to ask before every disclosure.

import { randomUUID } from 'node:crypto';
import {
  type AgreementDefinition,
  type AgreementEvent,
  type AgreementStatus,
  agreementStatus,
  chronological,
  defaultAgreement,
  depositaryNotice,
  isIsoDate,
  type LocalizedText,
  type PartyState,
  type PartyStatusEntry,
  partiesInForce,
  validateEvent,
} from '../agreement/index.js';
import { AccordError } from '../errors.js';
import {
  dialectOf,
  type EventOrigin,
  hasAgreementEvent,
  insertAgreementEvent,
  insertDepositaryNotice,
  listAgreementEvents,
  type RecordedAgreementEvent,
  readAgreementDefinition,
  readDepositaryNode,
  type StoredDepositaryNotice,
  writeDepositaryNode,
} from '../store/index.js';
import { getPeer } from '../store/peers-repo.js';
import { cacheSlot } from './caches.js';
import type { AccordNode } from './node.js';

export interface LoadedAgreement {
  definition: AgreementDefinition;
  /** The definition's shipped events and this node's recorded ones, in date order. */
  events: AgreementEvent[];
  /** This node's records, with who recorded them and when, and whether they count. */
  recorded: (RecordedAgreementEvent & { counted: boolean })[];
  /** The depositary's node this node takes events from; its own id on the depositary's node. */
  depositaryNode: string | null;
}

interface CacheEntry extends LoadedAgreement {
  statuses: Map<string, AgreementStatus>;
  inForce: Map<string, Set<string>>;
}

interface NodeCache {
  entry?: Promise<CacheEntry>;
  loadedAt: number;
}

// Another process on the same store (`accord agreement record` beside `accord serve`) cannot
// invalidate this process's cache, so a loaded log is read again after this long. The table is
// a few dozen rows; one query every few seconds costs nothing next to a status per disclosure.
const REVALIDATE_MS = 5_000;
// Dates asked for are mostly "today"; the bound only stops a client walking the calendar.
const MEMO_LIMIT = 1_000;

const AGREEMENT = cacheSlot<NodeCache>('agreement log', () => ({ loadedAt: 0 }));

/** Today's date in UTC: the Agreement's dates carry no time zone, and nodes must agree. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

async function definitionOf(node: AccordNode): Promise<AgreementDefinition> {
  return (await readAgreementDefinition(node.store.db)) ?? defaultAgreement();
}

/** The depositary's node this node follows: itself when it is the depositary's. */
export async function depositaryNodeOf(node: AccordNode): Promise<string | null> {
  if (node.settings.depositary === true) return node.settings.nodeId;
  return (await readDepositaryNode(node.store.db)) ?? null;
}

/**
 * Makes this node take the treaty's events from the depositary's node `nodeId`, whose key must
 * already be pinned (`accord peer add`): from then on only that node's signed events count here.
 */
export async function followDepositary(node: AccordNode, nodeId: string): Promise<void> {
  if (node.settings.depositary === true) {
    throw new AccordError(
      'ACCORD_CONFLICT',
      `node ${node.settings.nodeId} is the depositary's node itself: it follows no other`,
    );
  }
  if (!(await getPeer(node.store.db, nodeId))) {
    throw new AccordError(
      'ACCORD_NOT_FOUND',
      `no peer ${nodeId}: pin the depositary's node key first with 'accord peer add'`,
    );
  }
  await writeDepositaryNode(node.store.db, nodeId);
  invalidate(node);
}

/**
 * Which recorded events make the status. A node that follows a depositary counts the
 * depositary's events alone, so that all such nodes agree on every date; events typed in by
 * hand there stay as labelled local notes. A node that follows none (a single node, a training
 * set-up) is its own authority: all its events count.
 */
function counts(r: RecordedAgreementEvent, node: AccordNode, depositaryNode: string | null): boolean {
  if (depositaryNode === null || node.settings.depositary === true) return true;
  return r.origin === 'depositary';
}

async function read(node: AccordNode): Promise<CacheEntry> {
  const definition = await definitionOf(node);
  const depositaryNode = await depositaryNodeOf(node);
  const recorded = (await listAgreementEvents(node.store.db, definition.id)).map((r) => ({
    ...r,
    counted: counts(r, node, depositaryNode),
  }));
  const events = chronological([
    ...definition.events,
    ...recorded.filter((r) => r.counted).map((r) => r.event),
  ]);
  return { definition, events, recorded, depositaryNode, statuses: new Map(), inForce: new Map() };
}

async function entryOf(node: AccordNode): Promise<CacheEntry> {
  const cache = node.caches.get(AGREEMENT);
  if (cache.entry && Date.now() - cache.loadedAt <= REVALIDATE_MS) return cache.entry;
  const entry = read(node);
  const c = cache;
  c.entry = entry;
  c.loadedAt = Date.now();
  // A failed read must not be served from the cache until it expires.
  entry.catch(() => {
    if (c.entry === entry) c.entry = undefined;
  });
  return entry;
}

export function invalidate(node: AccordNode): void {
  node.caches.delete(AGREEMENT);
}

/** The node's agreement definition and every event of it (shipped and recorded here). */
export async function loadAgreement(node: AccordNode): Promise<LoadedAgreement> {
  const { definition, events, recorded, depositaryNode } = await entryOf(node);
  return { definition, events, recorded, depositaryNode };
}

function memo<T>(map: Map<string, T>, key: string, make: () => T): T {
  const hit = map.get(key);
  if (hit !== undefined) return hit;
  if (map.size >= MEMO_LIMIT) map.clear();
  const value = make();
  map.set(key, value);
  return value;
}

function requireDate(date: string): void {
  if (!isIsoDate(date)) {
    throw new AccordError('ACCORD_VALIDATION', `'${date}' is not a calendar date written YYYY-MM-DD`);
  }
}

/** The Agreement's status on `date` (YYYY-MM-DD), memoized per date until the log changes. */
export async function statusOn(node: AccordNode, date: string): Promise<AgreementStatus> {
  requireDate(date);
  const entry = await entryOf(node);
  return memo(entry.statuses, date, () => agreementStatus(entry.definition, entry.events, date));
}

/** The codes of the Parties bound on `date`: the policy's question before every disclosure. */
export async function partiesInForceOn(node: AccordNode, date: string): Promise<Set<string>> {
  requireDate(date);
  const entry = await entryOf(node);
  return memo(entry.inForce, date, () => {
    const status = memo(entry.statuses, date, () => agreementStatus(entry.definition, entry.events, date));
    return new Set(partiesInForce(status));
  });
}

export interface RecordOutcome {
  record: RecordedAgreementEvent;
  notice: StoredDepositaryNotice;
  /** The status on `today` with the event recorded. */
  status: AgreementStatus;
}

/**
 * Records an event on this node with its depositary notice, in one transaction, or throws
 * ACCORD_CONFLICT with the rule it breaks (`details: { rule, message }`). Who may record is
 * the caller's question; `today` is for tests.
 */
export async function recordEvent(
  node: AccordNode,
  event: AgreementEvent,
  recordedBy: string,
  options: { today?: string } = {},
): Promise<RecordOutcome> {
  const today = options.today ?? todayUtc();
  const definition = await definitionOf(node);
  const outcome = await node.store.transaction(async (trx) => {
    // Two recorders validating against the same log could each accept an event that the
    // other makes illegal (two withdrawals of one Party): one at a time.
    await dialectOf(node.store.db).lock(trx, 'agreement');
    const stored = await listAgreementEvents(trx, definition.id);
    const existing = [...definition.events, ...stored.map((r) => r.event)];
    const verdict = validateEvent(definition, existing, event, { today });
    const origin: EventOrigin = node.settings.depositary === true ? 'depositary' : 'local';
    if (!verdict.ok) {
      throw new AccordError(
        'ACCORD_CONFLICT',
        `the event is refused under the rule ${verdict.rule}: ${verdict.message}`,
        { rule: verdict.rule, message: verdict.message },
      );
    }
    const now = new Date().toISOString();
    const record: RecordedAgreementEvent = {
      id: randomUUID(),
      agreement: definition.id,
      event,
      recordedAt: now,
      recordedBy,
      origin,
    };
    const notice: StoredDepositaryNotice = {
      id: randomUUID(),
      agreement: definition.id,
      eventId: record.id,
      createdAt: now,
      notice: depositaryNotice(definition, existing, event),
    };
    await insertAgreementEvent(trx, record);
    await insertDepositaryNotice(trx, notice);
    return { record, notice, existing };
  });
  invalidate(node);
  const status = agreementStatus(definition, [...outcome.existing, event], today);
  return { record: outcome.record, notice: outcome.notice, status };
}

export type ReceivedOutcome =
  | { kind: 'recorded'; record: RecordedAgreementEvent }
  | { kind: 'known' }
  | { kind: 'refused'; rule: string; message: string };

/**
 * Records an event the depositary's node signed, under the id it gave it, so that every copy
 * received (pushed, pulled, relayed) records it once. It is checked against the depositary's
 * events only: this node's hand-made notes neither block nor change it.
 */
export async function recordDepositaryEvent(
  node: AccordNode,
  id: string,
  event: AgreementEvent,
  from: string,
): Promise<ReceivedOutcome> {
  const definition = await definitionOf(node);
  const outcome = await node.store.transaction(async (trx): Promise<ReceivedOutcome> => {
    await dialectOf(node.store.db).lock(trx, 'agreement');
    if (await hasAgreementEvent(trx, definition.id, id)) return { kind: 'known' };
    const stored = (await listAgreementEvents(trx, definition.id)).filter((r) => r.origin === 'depositary');
    // No `today`: the depositary decided when the event could be recorded; a node whose clock
    // differs must still converge on the same log.
    const verdict = validateEvent(definition, [...definition.events, ...stored.map((r) => r.event)], event);
    if (!verdict.ok) return { kind: 'refused', rule: verdict.rule, message: verdict.message };
    const record: RecordedAgreementEvent = {
      id,
      agreement: definition.id,
      event,
      recordedAt: new Date().toISOString(),
      recordedBy: `depositary:${from}`,
      origin: 'depositary',
    };
    await insertAgreementEvent(trx, record);
    return { kind: 'recorded', record };
  });
  invalidate(node);
  return outcome;
}

/** A Party's status as the API and `--json` print it: the dates that apply, in snake_case. */
export interface PartyStatusJson {
  code: string;
  state: PartyState;
  signed_on?: string;
  notified_on?: string;
  since?: string;
  notice_received_on?: string;
  effective_on?: string;
  in_force_from?: string;
}

export interface StatusJson {
  agreement: string;
  at: string;
  in_force: boolean;
  since: string | null;
  parties: PartyStatusJson[];
  protocols: { protocol: string; since: string; title?: LocalizedText; parties?: string[] }[];
  consultations: { consultation: string; parties: string[]; opened_on: string; subject?: string }[];
}

function partyJson(p: PartyStatusEntry): PartyStatusJson {
  switch (p.state) {
    case 'not-signatory':
      return { code: p.code, state: p.state };
    case 'signatory':
      return {
        code: p.code,
        state: p.state,
        signed_on: p.signedOn,
        ...(p.notifiedOn ? { notified_on: p.notifiedOn } : {}),
      };
    case 'in-force':
      return { code: p.code, state: p.state, since: p.since };
    case 'withdrawal-pending':
      return {
        code: p.code,
        state: p.state,
        since: p.since,
        notice_received_on: p.noticeReceivedOn,
        effective_on: p.effectiveOn,
      };
    case 'withdrawn':
      return {
        code: p.code,
        state: p.state,
        in_force_from: p.inForceFrom,
        notice_received_on: p.noticeReceivedOn,
        since: p.since,
      };
  }
}

/** The status as the API and the CLI print it (the API spells fields in snake_case). */
export function statusJson(definition: AgreementDefinition, status: AgreementStatus): StatusJson {
  return {
    agreement: definition.id,
    at: status.at,
    in_force: status.inForce,
    since: status.since ?? null,
    parties: status.parties.map(partyJson),
    protocols: status.protocols,
    consultations: status.consultations.map(({ openedOn, ...c }) => ({ ...c, opened_on: openedOn })),
  };
}

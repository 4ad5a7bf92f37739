// A joint case as one shared record: the owner's node keeps it and publishes every version as
// the owner's signed x-accord-case, timeline included; a participant's node holds the versions
// it received, plus the entries (x-accord-case-entry) its own Party and the others made, which
// show in its view until the owner's next version takes them in.

import { partyIdentity } from '../node/identity.js';
import type { AccordNode } from '../node/node.js';
import type { TlpLevel } from '../policy/index.js';
import { listEvents, saveRecord } from '../store/exchange-repo.js';
import type { Db } from '../store/index.js';
import { heldFrom, markingsFor, publish, str, strs, tlpOf } from './records.js';
import { caseType, type Measure, type MeasureState } from './types/case.js';

export interface TimelineEntry {
  /** A uuid for the owner's entries; the x-accord-case-entry id for a participant's. */
  id: string;
  at: string;
  party: string;
  user: string;
  action: string;
  details: Record<string, unknown>;
}

export interface JointCase {
  id: string;
  title: string;
  description?: string;
  state: 'open' | 'closed';
  owner: string;
  participants: string[];
  refs: string[];
  measures: Measure[];
  tlp: TlpLevel;
  createdAt: string;
  updatedAt: string;
  exercise: string | null;
  timeline: TimelineEntry[];
}

/**
 * What of a timeline entry the owner passes on. A participant's comment is that Party's own
 * information, sent by it to the participants of the day: the owner's version names it but
 * leaves its text out, so a Party added later does not receive it through the owner.
 */
function shared(c: JointCase, e: TimelineEntry): Record<string, unknown> {
  const details = e.party !== c.owner && e.action === 'comment' ? {} : e.details;
  return { id: e.id, at: e.at, party: e.party, user: e.user, action: e.action, details };
}

/** Publishes the case as a new version of the owner's object and keeps the record. */
/** The case's new version as the owner's signed STIX object, which goes to the participants. */
export async function publishCase(node: AccordNode, c: JointCase): Promise<void> {
  const m = markingsFor(c.owner, c.tlp, c.participants);
  const stix = caseType.toStix(
    {
      id: c.id,
      createdByRef: partyIdentity(c.owner),
      created: c.createdAt,
      modified: c.updatedAt,
      markingRefs: m.refs,
    },
    {
      title: c.title,
      description: c.description,
      state: c.state,
      owner: c.owner,
      participants: c.participants,
      object_refs: c.refs,
      measures: c.measures.map((x) => ({
        id: x.id,
        title: x.title,
        assignee: x.assignee,
        due: x.due,
        state: x.state,
        updated_at: x.updatedAt,
        updated_by: x.updatedBy,
        added_by: x.addedBy,
      })),
      timeline: c.timeline.map((e) => shared(c, e)),
      exercise: c.exercise ?? undefined,
    },
  );
  await publish(node, c.owner, c.exercise, stix, m.definitions);
}

export async function keepCase(
  node: AccordNode,
  c: JointCase,
  seq: number,
  db: Db = node.store.db,
): Promise<void> {
  await saveRecord(db, {
    party: c.owner,
    id: c.id,
    kind: 'case',
    state: c.state,
    exercise: c.exercise,
    seq,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    deadline: null,
    addressee: null,
    json: JSON.stringify(c),
  });
}

const record = (x: unknown): Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {};

/** The case a received x-accord-case version describes; everything comes from the signed object. */
export function caseFromStix(o: Record<string, unknown>): JointCase | undefined {
  const id = str(o, 'id');
  const owner = str(o, 'owner');
  if (!id || !owner) return undefined;
  const list = (k: string) => (Array.isArray(o[k]) ? (o[k] as unknown[]).map(record) : []);
  return {
    id,
    title: str(o, 'title') ?? '',
    ...(str(o, 'description') ? { description: str(o, 'description')! } : {}),
    state: str(o, 'state') === 'closed' ? 'closed' : 'open',
    owner,
    participants: strs(o, 'participants') ?? [owner],
    refs: strs(o, 'object_refs') ?? [],
    measures: list('measures').map((m) => ({
      id: str(m, 'id') ?? '',
      title: str(m, 'title') ?? '',
      assignee: str(m, 'assignee') ?? '',
      due: str(m, 'due') ?? '',
      state: (str(m, 'state') ?? 'planned') as MeasureState,
      updatedAt: str(m, 'updated_at') ?? str(o, 'modified') ?? '',
      updatedBy: str(m, 'updated_by') ?? owner,
      ...(str(m, 'added_by') ? { addedBy: str(m, 'added_by')! } : {}),
    })),
    tlp: tlpOf(o) ?? 'amber',
    createdAt: str(o, 'created') ?? '',
    updatedAt: str(o, 'modified') ?? '',
    exercise: str(o, 'exercise') ?? null,
    timeline: list('timeline').map((e) => ({
      id: str(e, 'id') ?? '',
      at: str(e, 'at') ?? '',
      party: str(e, 'party') ?? owner,
      user: str(e, 'user') ?? owner,
      action: str(e, 'action') ?? '',
      details: record(e.details),
    })),
  };
}

/**
 * The measure a participant's measure-added entry describes. A participant takes measures on
 * itself; one it names another Party for is not a measure of the case.
 */
export function addedMeasure(
  details: Record<string, unknown>,
  party: string,
  user: string,
  at: string,
): Measure | undefined {
  const { measure, title, assignee, due } = details;
  if (typeof measure !== 'string' || typeof title !== 'string' || typeof due !== 'string') return undefined;
  if (assignee !== party) return undefined;
  return {
    id: measure,
    title,
    assignee,
    due,
    state: 'planned',
    updatedAt: at,
    updatedBy: user,
    addedBy: party,
  };
}

/** Whether the case came here from its owner's node, so its versions are made there. */
export async function receivedCase(node: AccordNode, c: JointCase): Promise<boolean> {
  return c.owner !== node.settings.party && (await heldFrom(node, { id: c.id }, c.owner));
}

/**
 * The case as this node knows it: the owner's latest version, with the entries held here that
 * it has not taken in yet (a measure's progress shows at once on the assignee's node), and
 * every Party's entries merged into one timeline in the order they were made.
 */
export async function withEntries(node: AccordNode, c: JointCase) {
  const timeline = (c.timeline ?? []).map((e) => ({ ...e, pending: false }));
  const byId = new Map(timeline.map((e) => [e.id, e]));
  const measures = c.measures.map((m) => ({ ...m }));
  for (const ev of await listEvents(node.store.db, c.id)) {
    const entryId = typeof ev.details.entry === 'string' ? ev.details.entry : undefined;
    const { entry: _e, ...details } = ev.details;
    const known = entryId ? byId.get(entryId) : undefined;
    if (known) {
      // The owner's version names a participant's comment; its text is held here.
      known.details = { ...details, ...known.details };
      continue;
    }
    const e = { id: entryId ?? `local-${ev.seq}`, at: ev.at, ...ev.actor, action: ev.action, details };
    timeline.push({ ...e, pending: entryId !== undefined });
    if (entryId && ev.action === 'measure-added') {
      const added = addedMeasure(details, ev.actor.party, ev.actor.user, ev.at);
      if (added && !measures.some((x) => x.id === added.id)) measures.push(added);
    }
    const m = measures.find((x) => x.id === details.measure);
    if (entryId && ev.action === 'measure-updated' && m && m.assignee === ev.actor.party) {
      Object.assign(m, { state: details.to, updatedAt: ev.at, updatedBy: ev.actor.user });
    }
  }
  timeline.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return {
    measures,
    timeline: timeline.map((e, i) => ({
      seq: i + 1,
      at: e.at,
      actor: { party: e.party, user: e.user },
      action: e.action,
      details: e.details,
      ...(e.pending ? { pending: true } : {}),
    })),
  };
}

// Joint cases (Article 6). The owner's node makes every version of the case; each participant
// sees it on its own node, as its markings allow, and acts there: a measure assigned to it is
// updated on its node, a comment or a link is made there, each as the participant's own signed
// x-accord-case-entry, which returns to the owner (who takes it into the next version) and to
// the other participants. Of the objects a case gathers each viewer sees only what the policy
// lets it see, each one passing the gate as a reference.

import { randomUUID } from 'node:crypto';
import { AccordError } from '../errors.js';
import { disclosedObject } from '../node/disclosed.js';
import { disclosable } from '../node/disclosure.js';
import { partyIdentity } from '../node/identity.js';
import type { AccordNode } from '../node/node.js';
import type { TlpLevel } from '../policy/index.js';
import { addEvent, getRecord } from '../store/exchange-repo.js';
import { latestCopiesList } from '../store/index.js';
import {
  type JointCase,
  keepCase,
  publishCase,
  receivedCase,
  type TimelineEntry,
  withEntries,
} from './case-record.js';
import {
  auditedWrite,
  type Ctx,
  exerciseOf,
  markingsFor,
  newId,
  pageRecords,
  publish,
  stamp,
  visibleRecord,
} from './records.js';
import { type CaseEntryAction, caseEntryType, type Measure, type MeasureState } from './types/case.js';
import { refuseWithdrawn } from './withdrawal.js';

export type { JointCase } from './case-record.js';

export async function createCase(
  node: AccordNode,
  ctx: Ctx,
  input: { title: string; description?: string; participants: string[]; refs?: string[]; tlp?: TlpLevel },
): Promise<JointCase> {
  const owner = ctx.user.party;
  await refuseWithdrawn(
    node,
    input.participants.filter((p) => p !== owner),
    'a new case',
  );
  const at = stamp();
  const participants = [...new Set([owner, ...input.participants])].sort();
  const c: JointCase = {
    id: newId('x-accord-case'),
    title: input.title,
    ...(input.description ? { description: input.description } : {}),
    state: 'open',
    owner,
    participants,
    refs: [...new Set(input.refs ?? [])],
    measures: [],
    tlp: input.tlp ?? 'amber',
    createdAt: at,
    updatedAt: at,
    exercise: exerciseOf(ctx),
    timeline: [entry(ctx, at, 'opened', { participants })],
  };
  await publishCase(node, c);
  const seq = node.store.clock.next();
  await auditedWrite(node, ctx, 'case.opened', { type: 'x-accord-case', id: c.id }, { participants }, (db) =>
    keepCase(node, c, seq, db),
  );
  return c;
}

function entry(ctx: Ctx, at: string, action: string, details: Record<string, unknown>): TimelineEntry {
  return { id: randomUUID(), at, party: ctx.user.party, user: ctx.user.name, action, details };
}

/** A change the owner's node makes: a new version of the case, with its timeline entry. */
async function ownerChange(
  node: AccordNode,
  ctx: Ctx,
  c: JointCase,
  seq: number,
  action: string,
  details: Record<string, unknown>,
) {
  c.updatedAt = stamp();
  c.timeline = [...(c.timeline ?? []), entry(ctx, c.updatedAt, action, details)];
  await publishCase(node, c);
  // The case's row and its audit entry: one transaction.
  await auditedWrite(node, ctx, `case.${action}`, { type: 'x-accord-case', id: c.id }, details, (db) =>
    keepCase(node, c, seq, db),
  );
}

async function load(node: AccordNode, ctx: Ctx, id: string) {
  const row = await visibleRecord(node, ctx.audience, await getRecord(node.store.db, 'case', id), 'case', id);
  const c = JSON.parse(row.json) as JointCase;
  return { c, seq: row.seq, received: await receivedCase(node, c) };
}

/** The case as the audience may see it: the refs it cannot see are left out, unnamed. */
export async function getCase(node: AccordNode, ctx: Ctx, id: string) {
  const { c } = await load(node, ctx, id);
  // Every copy of a ref the audience may see is shown, each with its own originator.
  const held = await latestCopiesList(node.store.db, c.refs);
  const visible = await disclosable(node, ctx.audience, held, 'reference');
  const items = visible.map((v) => ({
    id: v.id,
    type: v.type,
    originator: v.party,
    object: disclosedObject(v),
  }));
  const merged = await withEntries(node, c);
  // A participant's comment is shown to the participants it was sent to, not through the owner.
  const { timeline: _t, ...rest } = c;
  return {
    ...rest,
    measures: merged.measures,
    refs: [...new Set(items.map((i) => i.id))],
    items,
    timeline: merged.timeline,
  };
}

export async function listCases(
  node: AccordNode,
  ctx: Ctx,
  f: { state?: string },
  limit: number,
  before?: number,
) {
  const page = await pageRecords(
    node,
    ctx.audience,
    { kind: 'case', ...(f.state ? { state: f.state } : {}) },
    limit,
    before,
  );
  return {
    items: page.rows.map((r) => {
      const { timeline: _t, ...c } = JSON.parse(r.json) as JointCase;
      return c;
    }),
    next: page.next,
  };
}

function participantOnly(c: JointCase, party: string) {
  if (!c.participants.includes(party))
    throw new AccordError('ACCORD_FORBIDDEN', `${party} does not take part in case ${c.id}`);
}

function ownerOnly(c: JointCase, ctx: Ctx, received: boolean, what: string) {
  if (ctx.user.party !== c.owner)
    throw new AccordError('ACCORD_FORBIDDEN', `only ${c.owner}, the owner, ${what}`);
  if (received)
    throw new AccordError(
      'ACCORD_FORBIDDEN',
      `case ${c.id} is ${c.owner}'s and its versions are made on ${c.owner}'s own node; ${what} there`,
    );
}

/**
 * A participant's entry, made on its own node for a case another Party owns: signed here as
 * this Party's object, released to the case's participants, and shown here at once.
 */
async function participantEntry(
  node: AccordNode,
  ctx: Ctx,
  c: JointCase,
  action: CaseEntryAction,
  props: Record<string, unknown>,
  details: Record<string, unknown>,
) {
  const party = ctx.user.party;
  if (party !== node.settings.party) {
    throw new AccordError(
      'ACCORD_FORBIDDEN',
      `this node speaks for ${node.settings.party}; ${party}'s entries in ${c.owner}'s case are made on ${party}'s own node`,
    );
  }
  const at = stamp();
  const m = markingsFor(party, c.tlp, c.participants);
  const stix = caseEntryType.toStix(
    {
      id: newId('x-accord-case-entry'),
      createdByRef: partyIdentity(party),
      created: at,
      modified: at,
      markingRefs: m.refs,
    },
    { case_ref: c.id, party, user: ctx.user.name, action, ...props, exercise: c.exercise ?? undefined },
  );
  await publish(node, party, c.exercise, stix, m.definitions);
  await auditedWrite(node, ctx, `case.${action}`, { type: 'x-accord-case', id: c.id }, details, (db) =>
    addEvent(db, c.owner, c.id, {
      at,
      actor: { party, user: ctx.user.name },
      action,
      details: { entry: stix.id, ...details },
    }),
  );
}

export async function addRefs(node: AccordNode, ctx: Ctx, id: string, refs: string[]) {
  const { c, seq, received } = await load(node, ctx, id);
  participantOnly(c, ctx.user.party);
  // One may only add what one may see: otherwise a case would reveal that an id exists.
  refs = refs.map((r) => r.toLowerCase());
  const held = await latestCopiesList(node.store.db, refs);
  const seen = new Set((await disclosable(node, ctx.audience, held, 'reference')).map((v) => v.id));
  const unseen = refs.find((r) => !seen.has(r));
  if (unseen) throw new AccordError('ACCORD_NOT_FOUND', `no object ${unseen}`);
  if (received) {
    await participantEntry(node, ctx, c, 'linked', { object_refs: refs }, { refs });
  } else {
    c.refs = [...new Set([...c.refs, ...refs])];
    await ownerChange(node, ctx, c, seq, 'linked', { refs });
  }
  return getCase(node, ctx, id);
}

/** A comment of any participant, on its own node; the owner's are part of the case itself. */
export async function commentCase(node: AccordNode, ctx: Ctx, id: string, text: string) {
  const { c, seq, received } = await load(node, ctx, id);
  participantOnly(c, ctx.user.party);
  if (received) await participantEntry(node, ctx, c, 'comment', { text }, { text });
  else await ownerChange(node, ctx, c, seq, 'comment', { text });
  return getCase(node, ctx, id);
}

export async function addMeasure(
  node: AccordNode,
  ctx: Ctx,
  id: string,
  input: { title: string; assignee: string; due: string },
) {
  const { c, seq, received } = await load(node, ctx, id);
  participantOnly(c, ctx.user.party);
  if (received) return participantMeasure(node, ctx, c, input);
  selfAssigned(c, ctx.user.party, input.assignee);
  if (!c.participants.includes(input.assignee)) {
    throw new AccordError(
      'ACCORD_VALIDATION',
      `${input.assignee} does not take part in the case; add measures for participants`,
    );
  }
  const measure: Measure = {
    id: randomUUID(),
    ...input,
    state: 'planned',
    updatedAt: stamp(),
    updatedBy: ctx.user.name,
    ...(ctx.user.party !== c.owner ? { addedBy: ctx.user.party } : {}),
  };
  c.measures.push(measure);
  await ownerChange(node, ctx, c, seq, 'measure-added', {
    measure: measure.id,
    assignee: measure.assignee,
    due: measure.due,
  });
  return getCase(node, ctx, id);
}

/** A participant takes measures on itself; assigning work to others is the owner's part. */
function selfAssigned(c: JointCase, party: string, assignee: string) {
  if (party !== c.owner && assignee !== party) {
    throw new AccordError(
      'ACCORD_FORBIDDEN',
      `${party} adds measures it takes on itself (assignee ${party}); only ${c.owner}, the owner, assigns measures to ${assignee}`,
    );
  }
}

/**
 * A measure a participant takes on in a case another Party owns: made and signed on its own
 * node, it returns to the owner, who adds it to the next version. Assigning work to others
 * stays the owner's part.
 */
async function participantMeasure(
  node: AccordNode,
  ctx: Ctx,
  c: JointCase,
  input: { title: string; assignee: string; due: string },
) {
  selfAssigned(c, ctx.user.party, input.assignee);
  if (c.state !== 'open') throw new AccordError('ACCORD_CONFLICT', `case ${c.id} is closed`);
  const measure = randomUUID();
  const { title, assignee, due } = input;
  await participantEntry(
    node,
    ctx,
    c,
    'measure-added',
    { measure, title, assignee, due },
    { measure, title, assignee, due },
  );
  return getCase(node, ctx, c.id);
}

export async function updateMeasure(
  node: AccordNode,
  ctx: Ctx,
  id: string,
  measureId: string,
  state: MeasureState,
) {
  const { c, seq, received } = await load(node, ctx, id);
  const view = await withEntries(node, c);
  const m = view.measures.find((x) => x.id === measureId);
  if (!m) throw new AccordError('ACCORD_NOT_FOUND', `case ${id} has no measure ${measureId}`);
  if (ctx.user.party !== m.assignee && ctx.user.party !== c.owner) {
    throw new AccordError(
      'ACCORD_FORBIDDEN',
      `only ${m.assignee}, the assignee, or ${c.owner}, the owner, updates this measure`,
    );
  }
  const details = { measure: m.id, from: m.state, to: state };
  if (received) {
    if (ctx.user.party !== m.assignee) ownerOnly(c, ctx, received, 'updates measures assigned to others');
    await participantEntry(node, ctx, c, 'measure-updated', { measure: m.id, state }, details);
  } else {
    const own = c.measures.find((x) => x.id === measureId)!;
    Object.assign(own, { state, updatedAt: stamp(), updatedBy: ctx.user.name });
    await ownerChange(node, ctx, c, seq, 'measure-updated', details);
  }
  return getCase(node, ctx, id);
}

/** The owner adds Parties; each receives the case's latest version, its history included. */
export async function addParticipants(node: AccordNode, ctx: Ctx, id: string, parties: string[]) {
  const { c, seq, received } = await load(node, ctx, id);
  ownerOnly(c, ctx, received, 'adds participants');
  const added = [...new Set(parties)].filter((p) => !c.participants.includes(p)).sort();
  if (added.length === 0)
    throw new AccordError('ACCORD_CONFLICT', `${parties.join(', ')} already take part in case ${id}`);
  c.participants = [...c.participants, ...added].sort();
  await ownerChange(node, ctx, c, seq, 'participants-added', { participants: added });
  return getCase(node, ctx, id);
}

export async function closeCase(node: AccordNode, ctx: Ctx, id: string) {
  const { c, seq, received } = await load(node, ctx, id);
  ownerOnly(c, ctx, received, 'closes the case');
  if (c.state === 'closed') throw new AccordError('ACCORD_CONFLICT', `case ${id} is already closed`);
  c.state = 'closed';
  await ownerChange(node, ctx, c, seq, 'closed', {});
  return getCase(node, ctx, id);
}

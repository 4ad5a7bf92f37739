// Joint cases (Article 6). The owner's node keeps the case object; participants see it as
// its markings allow, and of the records and objects it gathers each sees only what the
// policy lets it see, each one passing the gate as a reference.

import { randomUUID } from 'node:crypto';
import { AccordError } from '../errors.js';
import { disclosedObject } from '../node/disclosed.js';
import { disclosable } from '../node/disclosure.js';
import { partyIdentity } from '../node/identity.js';
import type { AccordNode } from '../node/node.js';
import type { TlpLevel } from '../policy/index.js';
import { addEvent, getRecord, listEvents, saveRecord } from '../store/exchange-repo.js';
import { latestCopiesList } from '../store/index.js';
import {
  audit,
  type Ctx,
  exerciseOf,
  markingsFor,
  newId,
  pageRecords,
  publish,
  stamp,
  visibleRecord,
} from './records.js';
import { caseType, type Measure, type MeasureState } from './types/case.js';
import { refuseWithdrawn } from './withdrawal.js';

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
}

async function save(node: AccordNode, c: JointCase, seq: number): Promise<void> {
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
      })),
      exercise: c.exercise ?? undefined,
    },
  );
  await publish(node, c.owner, c.exercise, stix, m.definitions);
  await saveRecord(node.store.db, {
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
  const c: JointCase = {
    id: newId('x-accord-case'),
    title: input.title,
    ...(input.description ? { description: input.description } : {}),
    state: 'open',
    owner,
    participants: [...new Set([owner, ...input.participants])].sort(),
    refs: [...new Set(input.refs ?? [])],
    measures: [],
    tlp: input.tlp ?? 'amber',
    createdAt: at,
    updatedAt: at,
    exercise: exerciseOf(ctx),
  };
  await save(node, c, node.store.clock.next());
  await event(node, ctx, c, 'opened', { participants: c.participants });
  return c;
}

async function event(
  node: AccordNode,
  ctx: Ctx,
  c: JointCase,
  action: string,
  details: Record<string, unknown>,
) {
  await addEvent(node.store.db, c.owner, c.id, {
    at: c.updatedAt,
    actor: { party: ctx.user.party, user: ctx.user.name },
    action,
    details,
  });
  await audit(node, ctx, `case.${action}`, { type: 'x-accord-case', id: c.id }, details);
}

async function load(node: AccordNode, ctx: Ctx, id: string) {
  const row = await visibleRecord(node, ctx.audience, await getRecord(node.store.db, 'case', id), 'case', id);
  return { c: JSON.parse(row.json) as JointCase, seq: row.seq };
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
  return {
    ...c,
    refs: [...new Set(items.map((i) => i.id))],
    items,
    timeline: await listEvents(node.store.db, c.id),
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
  return { items: page.rows.map((r) => JSON.parse(r.json) as JointCase), next: page.next };
}

function participantOnly(c: JointCase, party: string) {
  if (!c.participants.includes(party))
    throw new AccordError('ACCORD_FORBIDDEN', `${party} does not take part in case ${c.id}`);
}

export async function addRefs(node: AccordNode, ctx: Ctx, id: string, refs: string[]) {
  const { c, seq } = await load(node, ctx, id);
  participantOnly(c, ctx.user.party);
  // One may only add what one may see: otherwise a case would reveal that an id exists.
  refs = refs.map((r) => r.toLowerCase());
  const held = await latestCopiesList(node.store.db, refs);
  const seen = new Set((await disclosable(node, ctx.audience, held, 'reference')).map((v) => v.id));
  const unseen = refs.find((r) => !seen.has(r));
  if (unseen) throw new AccordError('ACCORD_NOT_FOUND', `no object ${unseen}`);
  c.refs = [...new Set([...c.refs, ...refs])];
  c.updatedAt = stamp();
  await save(node, c, seq);
  await event(node, ctx, c, 'linked', { refs });
  return getCase(node, ctx, id);
}

export async function addMeasure(
  node: AccordNode,
  ctx: Ctx,
  id: string,
  input: { title: string; assignee: string; due: string },
) {
  const { c, seq } = await load(node, ctx, id);
  participantOnly(c, ctx.user.party);
  if (!c.participants.includes(input.assignee)) {
    throw new AccordError(
      'ACCORD_VALIDATION',
      `${input.assignee} does not take part in the case; add measures for participants`,
    );
  }
  c.updatedAt = stamp();
  const measure: Measure = {
    id: randomUUID(),
    ...input,
    state: 'planned',
    updatedAt: c.updatedAt,
    updatedBy: ctx.user.name,
  };
  c.measures.push(measure);
  await save(node, c, seq);
  await event(node, ctx, c, 'measure-added', {
    measure: measure.id,
    assignee: measure.assignee,
    due: measure.due,
  });
  return getCase(node, ctx, id);
}

export async function updateMeasure(
  node: AccordNode,
  ctx: Ctx,
  id: string,
  measureId: string,
  state: MeasureState,
) {
  const { c, seq } = await load(node, ctx, id);
  const m = c.measures.find((x) => x.id === measureId);
  if (!m) throw new AccordError('ACCORD_NOT_FOUND', `case ${id} has no measure ${measureId}`);
  if (ctx.user.party !== m.assignee && ctx.user.party !== c.owner) {
    throw new AccordError(
      'ACCORD_FORBIDDEN',
      `only ${m.assignee}, the assignee, or ${c.owner}, the owner, updates this measure`,
    );
  }
  c.updatedAt = stamp();
  const from = m.state;
  Object.assign(m, { state, updatedAt: c.updatedAt, updatedBy: ctx.user.name });
  await save(node, c, seq);
  await event(node, ctx, c, 'measure-updated', { measure: m.id, from, to: state });
  return getCase(node, ctx, id);
}

export async function closeCase(node: AccordNode, ctx: Ctx, id: string) {
  const { c, seq } = await load(node, ctx, id);
  if (ctx.user.party !== c.owner)
    throw new AccordError('ACCORD_FORBIDDEN', `only ${c.owner}, the owner, closes the case`);
  if (c.state === 'closed') throw new AccordError('ACCORD_CONFLICT', `case ${id} is already closed`);
  c.state = 'closed';
  c.updatedAt = stamp();
  await save(node, c, seq);
  await event(node, ctx, c, 'closed', {});
  return getCase(node, ctx, id);
}

// The shared catalogue of blocking criteria (Article 6), and the statistics of the blocking
// requests that cite them. Criteria are TLP:GREEN: every Party in force reads the catalogue.

import { AccordError } from '../errors.js';
import { partyIdentity } from '../node/identity.js';
import type { AccordNode } from '../node/node.js';
import { blockingStats } from '../store/blocking-repo.js';
import { addEvent, getRecord, type RecordRow, saveRecord } from '../store/exchange-repo.js';
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
import { criterionType, type LegalReference } from './types/criterion.js';

export interface Criterion {
  id: string;
  code: string;
  titleEn: string;
  titleRu: string;
  descriptionEn: string;
  descriptionRu: string;
  legalReferences: LegalReference[];
  party: string;
  createdAt: string;
  updatedAt: string;
}

async function publishCriterion(node: AccordNode, c: Criterion, seq: number): Promise<void> {
  const m = markingsFor(c.party, 'green');
  const stix = criterionType.toStix(
    {
      id: c.id,
      createdByRef: partyIdentity(c.party),
      created: c.createdAt,
      modified: c.updatedAt,
      markingRefs: m.refs,
    },
    {
      code: c.code,
      title_en: c.titleEn,
      title_ru: c.titleRu,
      description_en: c.descriptionEn,
      description_ru: c.descriptionRu,
      legal_references: c.legalReferences,
    },
  );
  await publish(node, c.party, null, stix, m.definitions);
  const row: RecordRow = {
    party: c.party,
    id: c.id,
    kind: 'criterion',
    state: 'active',
    exercise: null,
    seq,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    deadline: null,
    addressee: null,
    json: JSON.stringify(c),
  };
  await saveRecord(node.store.db, row);
}

export type NewCriterion = Omit<Criterion, 'id' | 'party' | 'createdAt' | 'updatedAt'>;

/** The catalogue is shared reference data, never exercise data. */
function realWorld(ctx: Ctx): Ctx {
  return { ...ctx, audience: { ...ctx.audience, exercise: null } };
}

export async function createCriterion(node: AccordNode, ctx: Ctx, input: NewCriterion): Promise<Criterion> {
  const at = stamp();
  const c: Criterion = {
    ...input,
    id: newId('x-accord-criterion'),
    party: ctx.user.party,
    createdAt: at,
    updatedAt: at,
  };
  await publishCriterion(node, c, node.store.clock.next());
  await addEvent(node.store.db, c.party, c.id, {
    at,
    actor: { party: c.party, user: ctx.user.name },
    action: 'created',
    details: {},
  });
  await audit(node, ctx, 'criterion.created', { type: 'x-accord-criterion', id: c.id }, { code: c.code });
  return c;
}

export async function getCriterion(node: AccordNode, ctx: Ctx, id: string): Promise<Criterion> {
  const row = await visibleRecord(
    node,
    realWorld(ctx).audience,
    await getRecord(node.store.db, 'criterion', id),
    'criterion',
    id,
  );
  return JSON.parse(row.json) as Criterion;
}

/**
 * A Party states the legal reference under which it applies a criterion. The catalogue
 * entry's maker publishes the new version, so the shared object stays one object.
 */
export async function setLegalReference(
  node: AccordNode,
  ctx: Ctx,
  id: string,
  reference: string,
): Promise<Criterion> {
  const row = await visibleRecord(
    node,
    realWorld(ctx).audience,
    await getRecord(node.store.db, 'criterion', id),
    'criterion',
    id,
  );
  const c = JSON.parse(row.json) as Criterion;
  const party = ctx.user.party;
  c.legalReferences = [...c.legalReferences.filter((l) => l.party !== party), { party, reference }].sort(
    (a, b) => a.party.localeCompare(b.party),
  );
  c.updatedAt = stamp();
  await publishCriterion(node, c, row.seq);
  await addEvent(node.store.db, c.party, c.id, {
    at: c.updatedAt,
    actor: { party, user: ctx.user.name },
    action: 'legal-reference',
    details: { reference },
  });
  await audit(
    node,
    ctx,
    'criterion.legal-reference',
    { type: 'x-accord-criterion', id },
    { party, reference },
  );
  return c;
}

export async function listCriteria(node: AccordNode, ctx: Ctx, limit: number, before?: number) {
  const page = await pageRecords(node, realWorld(ctx).audience, { kind: 'criterion' }, limit, before);
  return { items: page.rows.map((r) => JSON.parse(r.json) as Criterion), next: page.next };
}

export async function statistics(
  node: AccordNode,
  ctx: Ctx,
  f: { criterion?: string; party?: string; month?: string },
) {
  if (f.month && !/^\d{4}-\d{2}$/.test(f.month))
    throw new AccordError('ACCORD_VALIDATION', 'month is YYYY-MM');
  return blockingStats(node.store.db, { involving: ctx.user.party, exercise: exerciseOf(ctx), ...f });
}

// The shared catalogue of blocking criteria (Article 6); the statistics of the blocking
// requests that cite them are criteria-stats.ts. Criteria are TLP:GREEN: every Party in force reads the catalogue,
// each on its own node. A Party states its own legal reference for another Party's criterion
// on its own node, as its own signed x-accord-legal-reference; every node shows the maker's
// entry with the references the other Parties stated themselves.

import { v5 as uuidv5 } from 'uuid';
import { AccordError } from '../errors.js';
import { partyIdentity } from '../node/identity.js';
import type { AccordNode } from '../node/node.js';
import { addEvent, getRecord, type RecordRow, saveRecord } from '../store/exchange-repo.js';
import { latestCopiesList } from '../store/index.js';
import {
  audit,
  type Ctx,
  heldFrom,
  markingsFor,
  newId,
  pageRecords,
  publish,
  stamp,
  str,
  visibleRecord,
} from './records.js';
import { criterionType, type LegalReference, legalReferenceType } from './types/criterion.js';

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
  /** References other Parties stated for this criterion as their own objects. */
  statedBy?: (LegalReference & { at: string })[];
}

/** The maker's references, each overridden by the one a Party stated itself. */
function withStated(c: Criterion): Criterion {
  const { statedBy, ...rest } = c;
  const own = new Map((statedBy ?? []).map((l) => [l.party, l.reference]));
  const refs = [
    ...c.legalReferences.filter((l) => !own.has(l.party)),
    ...[...own].map(([party, reference]) => ({ party, reference })),
  ].sort((a, b) => a.party.localeCompare(b.party));
  return { ...rest, legalReferences: refs };
}

async function publishCriterion(node: AccordNode, c: Criterion, seq: number): Promise<void> {
  const { statedBy: _s, ...own } = c;
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
  await keepCriterion(node, { ...own, ...(c.statedBy ? { statedBy: c.statedBy } : {}) }, seq);
}

async function keepCriterion(node: AccordNode, c: Criterion, seq: number): Promise<void> {
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
  return withStated(JSON.parse(row.json) as Criterion);
}

const REFERENCE_NAMESPACE = '6c1e3a5b-7d9f-4b2c-8e0a-4f6b8d0c2e1a';

/** One object per Party and criterion: a changed reference is a new version of it. */
function referenceId(criterionId: string, party: string): string {
  return `x-accord-legal-reference--${uuidv5(`${criterionId}:${party}`, REFERENCE_NAMESPACE)}`;
}

/**
 * A Party states the legal reference under which it applies a criterion. On the maker's node
 * the maker's entry takes it in; on another Party's node it is that Party's own object, sent
 * to every Party as the catalogue is.
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
  if (c.party !== node.settings.party && (await heldFrom(node, { id }, c.party))) {
    await stateReference(node, ctx, c, row.seq, reference);
    return withStated(c);
  }
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
  return withStated(c);
}

async function stateReference(node: AccordNode, ctx: Ctx, c: Criterion, seq: number, reference: string) {
  const party = ctx.user.party;
  if (party !== node.settings.party) {
    throw new AccordError(
      'ACCORD_FORBIDDEN',
      `this node speaks for ${node.settings.party}; ${party} states its reference on its own node`,
    );
  }
  const at = stamp();
  const since = c.statedBy?.find((l) => l.party === party)?.at ?? at;
  const m = markingsFor(party, 'green');
  const stix = legalReferenceType.toStix(
    {
      id: referenceId(c.id, party),
      createdByRef: partyIdentity(party),
      created: since,
      modified: at,
      markingRefs: m.refs,
    },
    { criterion_ref: c.id, party, reference, set_by: ctx.user.name },
  );
  await publish(node, party, null, stix, m.definitions);
  c.statedBy = [...(c.statedBy ?? []).filter((l) => l.party !== party), { party, reference, at: since }];
  await keepCriterion(node, c, seq);
  await addEvent(node.store.db, c.party, c.id, {
    at,
    actor: { party, user: ctx.user.name },
    action: 'legal-reference',
    details: { reference },
  });
  await audit(
    node,
    ctx,
    'criterion.legal-reference',
    { type: 'x-accord-criterion', id: c.id },
    { party, reference },
  );
}

/** A catalogue entry of another Party: a newer version replaces the one held here. */
export async function receiveCriterion(node: AccordNode, o: Record<string, unknown>): Promise<void> {
  const id = str(o, 'id');
  if (!id) return;
  // Ids are owned per Party: the copy that counts is one another Party's node sent.
  const held = (await latestCopiesList(node.store.db, [id])).find(
    (v) => v.party !== node.settings.party && v.sourceNode !== node.settings.nodeId,
  );
  if (!held) return;
  const row = await getRecord(node.store.db, 'criterion', id);
  const modified = str(o, 'modified') ?? '';
  if (row && row.updatedAt >= modified) return;
  const before = row ? (JSON.parse(row.json) as Criterion) : undefined;
  const refs = Array.isArray(o.legal_references) ? (o.legal_references as Record<string, unknown>[]) : [];
  const c: Criterion = {
    id,
    code: str(o, 'code') ?? '',
    titleEn: str(o, 'title_en') ?? '',
    titleRu: str(o, 'title_ru') ?? '',
    descriptionEn: str(o, 'description_en') ?? '',
    descriptionRu: str(o, 'description_ru') ?? '',
    legalReferences: refs.flatMap((l) => {
      const party = str(l, 'party');
      const reference = str(l, 'reference');
      return party && reference ? [{ party, reference }] : [];
    }),
    party: held.party,
    createdAt: str(o, 'created') ?? modified,
    updatedAt: modified,
    ...(before?.statedBy ? { statedBy: before.statedBy } : {}),
  };
  await keepCriterion(node, c, row?.seq ?? node.store.clock.next());
}

/** Another Party's own legal reference for a criterion held here. */
export async function receiveLegalReference(node: AccordNode, o: Record<string, unknown>): Promise<void> {
  const ref = str(o, 'criterion_ref');
  const party = str(o, 'party');
  const reference = str(o, 'reference');
  if (!ref || !party || !reference || party === node.settings.party) return;
  if (!(await heldFrom(node, o, party))) return;
  const row = await getRecord(node.store.db, 'criterion', ref);
  if (!row) return;
  const c = JSON.parse(row.json) as Criterion;
  const at = str(o, 'modified') ?? '';
  const mine = c.statedBy?.find((l) => l.party === party);
  // The same version again (a retried receipt) changes nothing and adds no history.
  if (mine && mine.at >= at) return;
  c.statedBy = [...(c.statedBy ?? []).filter((l) => l.party !== party), { party, reference, at }];
  await keepCriterion(node, c, row.seq);
  await addEvent(node.store.db, c.party, c.id, {
    at,
    actor: { party, user: str(o, 'set_by') ?? party },
    action: 'legal-reference',
    details: { reference },
  });
}

/**
 * The criteria a blocking request cites, as the viewer's node holds them: each with the legal
 * references of every Party that stated one, so the addressee sees on what ground it is asked.
 */
export async function citedCriteria(node: AccordNode, ctx: Ctx, ids: readonly string[]) {
  const out: (Criterion | { id: string; held: false })[] = [];
  for (const id of ids) {
    try {
      out.push(await getCriterion(node, ctx, id));
    } catch (e) {
      if (!(e instanceof AccordError) || e.code !== 'ACCORD_NOT_FOUND') throw e;
      out.push({ id, held: false });
    }
  }
  return out;
}

export async function listCriteria(node: AccordNode, ctx: Ctx, limit: number, before?: number) {
  const page = await pageRecords(node, realWorld(ctx).audience, { kind: 'criterion' }, limit, before);
  return { items: page.rows.map((r) => withStated(JSON.parse(r.json) as Criterion)), next: page.next };
}

export { statistics } from './criteria-stats.js';

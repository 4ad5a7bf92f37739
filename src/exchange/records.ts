// What every exchange service shares: who is acting, publishing a record's STIX object
// (signed, with its markings), and reading records back only through the policy gate.

import { randomUUID } from 'node:crypto';
import type { AuditActor } from '../audit/chain.js';
import { recordAudit, writeWithAudit } from '../audit/log.js';
import { AccordError } from '../errors.js';
import { type Audience, decideDisclosure, disclosable } from '../node/disclosure.js';
import { partyIdentity } from '../node/identity.js';
import { importStix, refusal } from '../node/ingest.js';
import type { AccordNode } from '../node/node.js';
import { pageThroughGate } from '../node/pager.js';
import { markingInfoOf, releasabilityMarking, TLP2_IDS, type TlpLevel } from '../policy/index.js';
import { listRecords, type RecordQuery, type RecordRow } from '../store/exchange-repo.js';
import {
  copyKey,
  type Db,
  getVersions,
  latestCopiesList,
  latestOwn,
  type StoredVersion,
  type User,
} from '../store/index.js';

/** A user acting in the real world or inside an exercise. */
export interface Ctx {
  user: User;
  audience: Audience;
}

export function ctxOf(user: User, exercise: string | null = null): Ctx {
  return {
    user,
    audience: {
      recipient: { kind: 'party', party: user.party },
      actor: { kind: 'user', id: user.name, party: user.party },
      exercise,
    },
  };
}

export function exerciseOf(ctx: Ctx): string | null {
  return ctx.audience.exercise ?? null;
}

export function auditActor(ctx: Ctx): AuditActor {
  return { kind: 'user', id: ctx.user.name, party: ctx.user.party };
}

export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;

export interface Markings {
  refs: string[];
  definitions: Record<string, unknown>[];
}

/**
 * The markings of a record: its TLP, and — when it goes to named Parties only — a
 * releasability list of them, which `decide` enforces for every way out.
 */
export function markingsFor(maker: string, tlp: TlpLevel, releasableTo?: readonly string[]): Markings {
  const refs: string[] = [TLP2_IDS[tlp]];
  const definitions: Record<string, unknown>[] = [];
  if (releasableTo) {
    // Made by the maker's identity: two Parties making the same list get two ids, so
    // neither claims an object the other originated.
    const md = releasabilityMarking(releasableTo, [], { createdByRef: partyIdentity(maker) });
    refs.push(md.id as string);
    definitions.push(md);
  }
  return { refs, definitions };
}

/**
 * Markings for `maker`'s own object about another Party's: the same TLP, and the same
 * releasability re-made under `maker`'s identity with the other object's originator added.
 * A definition counts only for its own maker's objects (docs/policy.md, "Ownership of ids and
 * definitions"), so citing the other Party's definition would make the new object unreadable
 * to everyone but its maker. Other Accord markings are not carried over: the new object then
 * goes nowhere it could not go before.
 */
export async function markingsAlike(node: AccordNode, maker: string, of: StoredVersion): Promise<Markings> {
  const o = JSON.parse(of.json) as Record<string, unknown>;
  const refs = Array.isArray(o.object_marking_refs)
    ? (o.object_marking_refs as unknown[]).filter((r): r is string => typeof r === 'string')
    : [];
  const defs = await latestOwn(node.store.db, of.party, refs);
  const parties = new Set<string>();
  let listed = false;
  for (const v of defs.values()) {
    const info = markingInfoOf(JSON.parse(v.json) as Record<string, unknown>);
    if (info.kind === 'releasability') {
      listed = true;
      for (const p of info.parties) parties.add(p);
    }
  }
  if (listed) parties.add(of.party);
  return markingsFor(maker, tlpOf(o) ?? 'amber', listed ? [...parties].sort() : undefined);
}

/** The TLP an object carries (the most restrictive when several), or undefined. */
export function tlpOf(o: Record<string, unknown>): TlpLevel | undefined {
  const refs = Array.isArray(o.object_marking_refs) ? (o.object_marking_refs as unknown[]) : [];
  let found: TlpLevel | undefined;
  for (const level of TLP_LEVELS) if (refs.includes(TLP2_IDS[level])) found = level;
  return found;
}

/**
 * Whether this object is held as `party`'s, received from another node: federation stored it
 * only after checking the signature of a pinned node of that Party. A copy made on this node
 * (a local user claiming another Party) never counts.
 */
export async function heldFrom(
  node: AccordNode,
  o: Record<string, unknown>,
  party: string,
): Promise<boolean> {
  const versions = await getVersions(node.store.db, String(o.id));
  return versions.some((v) => v.party === party && v.sourceNode !== node.settings.nodeId);
}

/** Reading a received object's properties: only values of the expected shape count. */
export const str = (o: Record<string, unknown>, k: string): string | undefined =>
  typeof o[k] === 'string' ? (o[k] as string) : undefined;
export const strs = (o: Record<string, unknown>, k: string): string[] | undefined =>
  Array.isArray(o[k]) ? (o[k] as unknown[]).filter((x): x is string => typeof x === 'string') : undefined;

export function newId(type: string): string {
  return `${type}--${randomUUID()}`;
}

let lastStamp = 0;

/** A STIX timestamp later than any this process gave before: versions must differ. */
export function stamp(): string {
  const now = Math.max(Date.now(), lastStamp + 1);
  lastStamp = now;
  return new Date(now).toISOString();
}

/**
 * Stores a record's STIX object as a version signed by this node for `party`. The marking
 * definitions are real-world reference data, stored outside any exercise; the record
 * itself carries the exercise it was made in.
 */
export async function publish(
  node: AccordNode,
  party: string,
  exercise: string | null,
  object: Record<string, unknown>,
  definitions: readonly Record<string, unknown>[] = [],
): Promise<void> {
  // The node's key vouches for its own Party only: a record made here by a user of another
  // Party (single-node and training use) stays unsigned and is never sent to peers as ours.
  const source = { party, sourceNode: node.settings.nodeId, sign: party === node.settings.party };
  if (definitions.length > 0) {
    const md = await importStix(node, source, { type: 'bundle', id: newId('bundle'), objects: definitions });
    if (!md.ok) throw refusal(md);
  }
  const r = await importStix(node, { ...source, exercise }, object);
  if (!r.ok) throw refusal(r);
}

/**
 * The rows the audience may see: a row whose STIX object exists passes the policy gate;
 * one without (a draft) is its maker's alone.
 */
export async function visibleRows(
  node: AccordNode,
  audience: Audience,
  rows: readonly RecordRow[],
  /** The day the policy decides for (withdrawal.ts: a record still being settled); today when absent. */
  date?: string,
) {
  if (rows.length === 0) return [];
  // A record's STIX object is its maker's own copy: another Party's copy of the id says nothing of it.
  const makers = new Set(rows.map((r) => copyKey(r.party, r.id)));
  const held = (
    await latestCopiesList(
      node.store.db,
      rows.map((r) => r.id),
    )
  ).filter((v) => makers.has(copyKey(v.party, v.id)));
  const heldKeys = new Set(held.map((v) => copyKey(v.party, v.id)));
  const allowed = new Set(
    (date
      ? (await decideDisclosure(node, audience, held, 'rest', date)).allowed
      : await disclosable(node, audience, held, 'rest')
    ).map((v) => copyKey(v.party, v.id)),
  );
  const party = audience.recipient.kind === 'party' ? audience.recipient.party : null;
  return rows.filter(
    (r) =>
      allowed.has(copyKey(r.party, r.id)) ||
      (!heldKeys.has(copyKey(r.party, r.id)) &&
        r.party === party &&
        r.exercise === (audience.exercise ?? null)),
  );
}

/**
 * The ids a record lists as it reads to the audience (docs/policy.md, "Containers"): only
 * those it may see; the others, held or not, are left out and counted, never named. The
 * record's maker reads its own list as it wrote it.
 */
export async function refsFor(
  node: AccordNode,
  audience: Audience,
  maker: string,
  refs: readonly string[] | undefined,
): Promise<{ refs: string[]; withheld: number }> {
  const all = refs ?? [];
  const own = audience.recipient.kind === 'party' && audience.recipient.party === maker;
  if (all.length === 0 || own) return { refs: [...all], withheld: 0 };
  const held = await latestCopiesList(node.store.db, [...all]);
  const seen = new Set((await disclosable(node, audience, held, 'reference')).map((v) => v.id));
  const kept = all.filter((r) => seen.has(r));
  return { refs: kept, withheld: all.length - kept.length };
}

/** One record the audience may see, or 404 — a record it may not see does not exist for it. */
export async function visibleRecord(
  node: AccordNode,
  audience: Audience,
  row: RecordRow | undefined,
  what: string,
  id: string,
  date?: string,
) {
  const [v] = row ? await visibleRows(node, audience, [row], date) : [];
  if (!v) throw new AccordError('ACCORD_NOT_FOUND', `no ${what} ${id}`);
  return v;
}

export interface Page {
  rows: RecordRow[];
  /** The seq to continue below, or null at the end. */
  next: number | null;
}

/** A page of records the audience may see, through the one pager (src/node/pager.ts). */
export async function pageRecords(
  node: AccordNode,
  audience: Audience,
  q: Omit<RecordQuery, 'exercise' | 'limit' | 'before' | 'until' | 'offset'>,
  limit: number,
  before?: number,
  /** The day the policy decides for; today when absent (withdrawal.ts). */
  date?: string,
): Promise<Page> {
  const db = node.store.db;
  const base = { ...q, exercise: audience.exercise ?? null };
  const at = (from: number | undefined) => (from === undefined ? {} : { before: from });
  const page = await pageThroughGate<RecordRow>(
    {
      horizon: async (from, budget) =>
        (await listRecords(db, { ...base, ...at(from), limit: 1, offset: budget - 1 }))[0]?.seq ?? null,
      fetch: (from, until, n) =>
        listRecords(db, { ...base, ...at(from), ...(until === null ? {} : { until }), limit: n }),
      position: (r) => r.seq,
    },
    (rows) => visibleRows(node, audience, rows, date),
    limit,
    before,
  );
  return { rows: page.items, next: page.next };
}

type Subject = { type: string; id: string };

function auditBody(ctx: Ctx, action: string, subject: Subject, details: unknown) {
  return { at: new Date().toISOString(), actor: auditActor(ctx), action, subject, details };
}

export async function audit(node: AccordNode, ctx: Ctx, action: string, subject: Subject, details: unknown) {
  await recordAudit(node, [auditBody(ctx, action, subject, details)]);
}

/**
 * Writes a record's rows with `write` and audits `action` in the same transaction, so that no
 * crash or failure leaves a record the audit log does not name. `write` uses the `db` it gets.
 */
export function auditedWrite<T>(
  node: AccordNode,
  ctx: Ctx,
  action: string,
  subject: Subject,
  details: unknown,
  write: (db: Db) => Promise<T>,
): Promise<T> {
  return writeWithAudit(node, [auditBody(ctx, action, subject, details)], write);
}

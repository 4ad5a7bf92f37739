// What every exchange service shares: who is acting, publishing a record's STIX object
// (signed, with its markings), and reading records back only through the policy gate.

import { randomUUID } from 'node:crypto';
import type { AuditActor } from '../audit/chain.js';
import { recordAudit } from '../audit/log.js';
import { AccordError } from '../errors.js';
import { importStix, refusal } from '../intel/import-stix.js';
import { type Audience, disclosable } from '../node/disclosure.js';
import { partyIdentity } from '../node/identity.js';
import type { AccordNode } from '../node/node.js';
import { releasabilityMarking, TLP2_IDS, type TlpLevel } from '../policy/index.js';
import { listRecords, type RecordQuery, type RecordRow } from '../store/exchange-repo.js';
import { getLatest, getVersions, type User } from '../store/index.js';

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
  const source = { party, sourceNode: node.settings.nodeId, sign: true };
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
export async function visibleRows(node: AccordNode, audience: Audience, rows: readonly RecordRow[]) {
  if (rows.length === 0) return [];
  const held = await getLatest(
    node.store.db,
    rows.map((r) => r.id),
  );
  const allowed = new Set((await disclosable(node, audience, [...held.values()], 'rest')).map((v) => v.id));
  const party = audience.recipient.kind === 'party' ? audience.recipient.party : null;
  return rows.filter(
    (r) =>
      allowed.has(r.id) ||
      (!held.has(r.id) && r.party === party && r.exercise === (audience.exercise ?? null)),
  );
}

/** One record the audience may see, or 404 — a record it may not see does not exist for it. */
export async function visibleRecord(
  node: AccordNode,
  audience: Audience,
  row: RecordRow | undefined,
  what: string,
  id: string,
) {
  const [v] = row ? await visibleRows(node, audience, [row]) : [];
  if (!v) throw new AccordError('ACCORD_NOT_FOUND', `no ${what} ${id}`);
  return v;
}

// A page is filled from rows the audience may see; scanning stops after this many rows so
// one request cannot be made to read everything (as in routes/objects.ts).
const SCAN_LIMIT = 5_000;

export interface Page {
  rows: RecordRow[];
  /** The seq to continue below, or null at the end. */
  next: number | null;
}

export async function pageRecords(
  node: AccordNode,
  audience: Audience,
  q: Omit<RecordQuery, 'exercise' | 'limit' | 'before'>,
  limit: number,
  before?: number,
): Promise<Page> {
  const out: RecordRow[] = [];
  let cursor = before;
  let scanned = 0;
  while (out.length < limit && scanned < SCAN_LIMIT) {
    const rows = await listRecords(node.store.db, {
      ...q,
      exercise: audience.exercise ?? null,
      limit: limit - out.length,
      ...(cursor === undefined ? {} : { before: cursor }),
    });
    if (rows.length === 0) return { rows: out, next: null };
    scanned += rows.length;
    cursor = rows.at(-1)!.seq;
    out.push(...(await visibleRows(node, audience, rows)));
  }
  return { rows: out, next: cursor ?? null };
}

export async function audit(
  node: AccordNode,
  ctx: Ctx,
  action: string,
  subject: { type: string; id: string },
  details: unknown,
) {
  await recordAudit(node, [
    { at: new Date().toISOString(), actor: auditActor(ctx), action, subject, details },
  ]);
}

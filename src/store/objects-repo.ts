import { type Selectable, sql, type Transaction } from 'kysely';
import type { DateAddedClock } from './clock.js';
import type { Db } from './database.js';
import { visibleLatest } from './listing-window.js';
import { chunks, lockIngest, notIndexed, objectsWriter } from './objects-writer.js';
import { type ReleaseFilter, releaseCondition, summariseReleases } from './release-column.js';
import type { Database, ObjectsTable } from './schema.js';

/** An object version ready to store: validated, canonicalised and hashed by the caller. */
export interface NewVersion {
  party: string;
  id: string;
  modified: string;
  type: string;
  contentHash: string;
  revoked: boolean;
  exercise: string | null;
  signature: string | null;
  sourceNode: string;
  json: string;
}

export type IngestOutcome =
  | { status: 'created'; dateAdded: number }
  | { status: 'unchanged'; dateAdded: number }
  | { status: 'conflict'; reason: 'different-content' | 'other-originator' | 'deleted'; party: string };

export interface StoredVersion {
  party: string;
  id: string;
  modified: string;
  type: string;
  dateAdded: number;
  sourceNode: string;
  contentHash: string;
  revoked: boolean;
  latest: boolean;
  exercise: string | null;
  signature: string | null;
  json: string;
}

export function toStored(r: Selectable<ObjectsTable>): StoredVersion {
  return {
    party: r.party,
    id: r.id,
    modified: r.modified,
    type: r.type,
    dateAdded: Number(r.date_added),
    sourceNode: r.source_node,
    contentHash: r.content_hash,
    revoked: Number(r.revoked) === 1,
    latest: Number(r.latest) === 1,
    exercise: r.exercise,
    signature: r.signature,
    json: r.json,
  };
}

export async function highWaterDateAdded(db: Db): Promise<number> {
  const r = await db.kysely
    .selectFrom('objects')
    .select((eb) => eb.fn.max('date_added').as('m'))
    .executeTakeFirst();
  return r?.m == null ? 0 : Number(r.m);
}

/**
 * Stores versions in the caller's transaction. The same `(id, modified)` with the same
 * content is a no-op; different content, or another Party claiming an id it does not
 * own, is a conflict. On any conflict nothing is written and the outcomes say which.
 */
export async function ingestVersions(
  trx: Transaction<Database>,
  db: Db,
  clock: DateAddedClock,
  versions: readonly NewVersion[],
): Promise<{ ok: boolean; outcomes: IngestOutcome[] }> {
  await lockIngest(db, trx);
  const writer = objectsWriter(db, trx);
  const existing = new Map<string, { party: string; hash: string; dateAdded: number }>();
  const owner = new Map<string, string>();
  const latest = new Map<string, string>();
  for (const r of await writer.held([...new Set(versions.map((v) => v.id))])) {
    existing.set(`${r.id}\u0000${r.modified}`, { party: r.party, hash: r.hash, dateAdded: r.dateAdded });
    owner.set(r.id, r.party);
    if (r.latest) latest.set(r.id, r.modified);
  }

  const deleted = await deletedVersions(trx, versions);

  // Fresh versions get their date_added only once every version is known to be acceptable.
  type Pending = IngestOutcome | { status: 'fresh'; index: number; duplicate: boolean };
  const pending: Pending[] = [];
  const fresh: NewVersion[] = [];
  const seen = new Map<string, { hash: string; index: number }>();
  for (const v of versions) {
    const key = `${v.id}\u0000${v.modified}`;
    const prior = existing.get(key);
    const idOwner = owner.get(v.id);
    const dup = seen.get(key);
    if (idOwner !== undefined && idOwner !== v.party) {
      pending.push({ status: 'conflict', reason: 'other-originator', party: idOwner });
    } else if (deleted.has(key)) {
      pending.push({ status: 'conflict', reason: 'deleted', party: v.party });
    } else if (prior) {
      pending.push(
        prior.hash === v.contentHash
          ? { status: 'unchanged', dateAdded: prior.dateAdded }
          : { status: 'conflict', reason: 'different-content', party: prior.party },
      );
    } else if (dup) {
      pending.push(
        dup.hash === v.contentHash
          ? { status: 'fresh', index: dup.index, duplicate: true }
          : { status: 'conflict', reason: 'different-content', party: v.party },
      );
    } else {
      seen.set(key, { hash: v.contentHash, index: fresh.length });
      pending.push({ status: 'fresh', index: fresh.length, duplicate: false });
      fresh.push(v);
      owner.set(v.id, v.party);
    }
  }
  const ok = !pending.some((p) => p.status === 'conflict');
  if (!ok) {
    const outcomes = pending.map(
      (p): IngestOutcome => (p.status === 'fresh' ? { status: 'created', dateAdded: 0 } : p),
    );
    return { ok, outcomes };
  }

  // Work out which versions become the newest of their object.
  const newest = new Map<string, NewVersion>();
  for (const v of fresh) {
    const cur = newest.get(v.id);
    if (!cur || v.modified > cur.modified) newest.set(v.id, v);
  }
  const demote: string[] = [];
  for (const [id, v] of newest) {
    const held = latest.get(id);
    if (held === undefined) continue;
    if (v.modified > held) demote.push(id);
    else newest.delete(id);
  }
  await writer.demote(demote);

  const releases = await summariseReleases(trx, fresh, versions);
  const stamps = fresh.map(() => clock.next());
  const rows = fresh.map((v, i) => ({
    party: v.party,
    id: v.id,
    modified: v.modified,
    type: v.type,
    date_added: stamps[i]!,
    source_node: v.sourceNode,
    content_hash: v.contentHash,
    revoked: v.revoked ? 1 : 0,
    latest: newest.get(v.id) === v ? 1 : 0,
    exercise: v.exercise,
    signature: v.signature,
    json: v.json,
    release: releases[i]!.release,
    release_rank: releases[i]!.rank,
  }));
  await writer.insert(rows);

  const outcomes = pending.map((p): IngestOutcome => {
    if (p.status !== 'fresh') return p;
    return { status: p.duplicate ? 'unchanged' : 'created', dateAdded: stamps[p.index]! };
  });
  return { ok, outcomes };
}

/**
 * The versions among these that their originator deleted: a deletion sticks, so a copy
 * arriving late (from a peer, a replay, a file) cannot bring a deleted version back.
 */
async function deletedVersions(
  trx: Transaction<Database>,
  versions: readonly NewVersion[],
): Promise<Set<string>> {
  const out = new Set<string>();
  // Most stores have no deletions at all; one probe spares the bulk import a lookup per id.
  if (!(await trx.selectFrom('tombstones').select('id').limit(1).executeTakeFirst())) return out;
  for (const part of chunks([...new Set(versions.map((v) => v.id))])) {
    const rows = await trx
      .selectFrom('tombstones')
      .select(['id', 'modified'])
      .where('id', 'in', part)
      .execute();
    for (const r of rows) out.add(`${r.id}\u0000${r.modified}`);
  }
  return out;
}

export interface ListQuery {
  types?: readonly string[];
  /** Keyset cursor: only rows with date_added greater than this (less, when newest first). */
  after?: number;
  limit: number;
  /** Newest first, as people read a list; the default is oldest first, as feeds and TAXII read. */
  newestFirst?: boolean;
  /** Every version instead of the newest of each object. */
  allVersions?: boolean;
  /** Only objects whose JSON contains this text, in any case (names, descriptions, patterns…). */
  text?: string;
  /** Not beyond this date_added in walk order (a listing's horizon, listing-window.ts). */
  until?: number;
  /** Leave out in SQL the rows this reader could never be shown (the gate decides the rest). */
  release?: ReleaseFilter;
}

/** `lower(json) LIKE '%text%'` with the text's own % and _ taken literally, on both dialects. */
function containsText(text: string) {
  const escaped = text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<boolean>`lower(${sql.ref('json')}) like ${`%${escaped}%`} escape '\\'`;
}

/** Newest versions (or all versions) in date_added order, for keyset paging. */
export async function listVersions(db: Db, q: ListQuery): Promise<StoredVersion[]> {
  if (q.release && !q.text && !q.allVersions) {
    return visibleLatest(db, { ...q, release: q.release });
  }
  let query = db.kysely.selectFrom('objects').selectAll();
  if (!q.allVersions) query = query.where('latest', '=', 1);
  if (q.types && q.types.length > 0) query = query.where('type', 'in', [...q.types]);
  if (q.after !== undefined) query = query.where('date_added', q.newestFirst ? '<' : '>', q.after);
  if (q.until !== undefined) query = query.where('date_added', q.newestFirst ? '>=' : '<=', q.until);
  if (q.text) query = query.where(containsText(q.text));
  const release = q.release;
  if (release) query = query.where((eb) => releaseCondition(eb, release));
  const rows = await query
    .orderBy('date_added', q.newestFirst ? 'desc' : 'asc')
    .limit(q.limit)
    .execute();
  return rows.map(toStored);
}

/** Every version of one object, oldest first. */
export async function getVersions(db: Db, id: string): Promise<StoredVersion[]> {
  const rows = await db.kysely
    .selectFrom('objects')
    .selectAll()
    .where('id', '=', id)
    .orderBy('modified')
    .execute();
  return rows.map(toStored);
}

/** Newest versions of the given ids (for resolving references). */
export async function getLatest(db: Db, ids: readonly string[]): Promise<Map<string, StoredVersion>> {
  const out = new Map<string, StoredVersion>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db.kysely
      .selectFrom('objects')
      .selectAll()
      .where('id', 'in', part)
      .where(notIndexed('latest'), '=', 1)
      .execute();
    for (const r of rows) out.set(r.id, toStored(r));
  }
  return out;
}

export async function countObjects(db: Db): Promise<number> {
  const r = await db.kysely
    .selectFrom('objects')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('latest', '=', 1)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

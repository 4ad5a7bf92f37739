import { type CompiledQuery, type Selectable, sql, type Transaction } from 'kysely';
import type { DateAddedClock } from './clock.js';
import { compiledOnce } from './compiled-once.js';
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

/**
 * Conflicts are only ever with the importing Party's own rows, so an outcome says nothing
 * about what other Parties hold.
 */
export type IngestOutcome =
  | { status: 'created'; dateAdded: number }
  | { status: 'unchanged'; dateAdded: number }
  | { status: 'conflict'; reason: 'different-content' | 'deleted' };

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
  /** Set only on the definitions Accord publishes (never read from a row): see policy/decide.ts. */
  published?: true;
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

/** The key of one Party's copy of one object: ids are owned per Party (Article 10). */
export function copyKey(party: string, id: string): string {
  return `${party}\u0000${id}`;
}

function versionKeyOf(v: { party: string; id: string; modified: string }): string {
  return `${v.party}\u0000${v.id}\u0000${v.modified}`;
}

function idsByParty(versions: readonly { party: string; id: string }[]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const v of versions) {
    const ids = out.get(v.party) ?? new Set<string>();
    ids.add(v.id);
    out.set(v.party, ids);
  }
  return new Map([...out].map(([party, ids]) => [party, [...ids]]));
}

/**
 * Stores versions in the caller's transaction. Each Party owns its own copy of an id: a
 * version is compared only with the versions its own Party holds, so that what another
 * Party holds can neither block an import nor be learned from its outcome. The same
 * `(party, id, modified)` with the same content is a no-op; different content, or a
 * version its Party deleted, is a conflict. On any conflict nothing is written.
 */
export async function ingestVersions(
  trx: Transaction<Database>,
  db: Db,
  clock: DateAddedClock,
  versions: readonly NewVersion[],
): Promise<{ ok: boolean; outcomes: IngestOutcome[] }> {
  await lockIngest(db, trx, clock);
  const writer = objectsWriter(db, trx);
  const parties = idsByParty(versions);
  const existing = new Map<string, { hash: string; dateAdded: number }>();
  const latest = new Map<string, string>();
  for (const [party, ids] of parties) {
    for (const r of await writer.held(party, ids)) {
      existing.set(versionKeyOf(r), { hash: r.hash, dateAdded: r.dateAdded });
      if (r.latest) latest.set(copyKey(r.party, r.id), r.modified);
    }
  }

  const deleted = await deletedVersions(trx, parties);

  // Fresh versions get their date_added only once every version is known to be acceptable.
  type Pending = IngestOutcome | { status: 'fresh'; index: number; duplicate: boolean };
  const pending: Pending[] = [];
  const fresh: NewVersion[] = [];
  const seen = new Map<string, { hash: string; index: number }>();
  for (const v of versions) {
    const key = versionKeyOf(v);
    const prior = existing.get(key);
    const dup = seen.get(key);
    if (deleted.has(key)) {
      pending.push({ status: 'conflict', reason: 'deleted' });
    } else if (prior) {
      pending.push(
        prior.hash === v.contentHash
          ? { status: 'unchanged', dateAdded: prior.dateAdded }
          : { status: 'conflict', reason: 'different-content' },
      );
    } else if (dup) {
      pending.push(
        dup.hash === v.contentHash
          ? { status: 'fresh', index: dup.index, duplicate: true }
          : { status: 'conflict', reason: 'different-content' },
      );
    } else {
      seen.set(key, { hash: v.contentHash, index: fresh.length });
      pending.push({ status: 'fresh', index: fresh.length, duplicate: false });
      fresh.push(v);
    }
  }
  const ok = !pending.some((p) => p.status === 'conflict');
  if (!ok) {
    const outcomes = pending.map(
      (p): IngestOutcome => (p.status === 'fresh' ? { status: 'created', dateAdded: 0 } : p),
    );
    return { ok, outcomes };
  }

  // Work out which versions become the newest of their Party's copy.
  const newest = new Map<string, NewVersion>();
  for (const v of fresh) {
    const k = copyKey(v.party, v.id);
    const cur = newest.get(k);
    if (!cur || v.modified > cur.modified) newest.set(k, v);
  }
  const demote = new Map<string, string[]>();
  for (const [k, v] of newest) {
    const held = latest.get(k);
    if (held === undefined) continue;
    if (v.modified > held) demote.set(v.party, [...(demote.get(v.party) ?? []), v.id]);
    else newest.delete(k);
  }
  for (const [party, ids] of demote) await writer.demote(party, ids);

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
    latest: newest.get(copyKey(v.party, v.id)) === v ? 1 : 0,
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
 * The versions among these that their own Party deleted: a deletion sticks, so a copy
 * arriving late (from a peer, a replay, a file) cannot bring a deleted version back. Another
 * Party's deletions do not count: they are its own business, and would be an oracle.
 */
async function deletedVersions(
  trx: Transaction<Database>,
  parties: ReadonlyMap<string, readonly string[]>,
): Promise<Set<string>> {
  const out = new Set<string>();
  // Most stores have no deletions at all; one probe spares the bulk import a lookup per id.
  if (!(await trx.selectFrom('tombstones').select('id').limit(1).executeTakeFirst())) return out;
  for (const [party, ids] of parties) {
    for (const part of chunks(ids)) {
      const rows = await trx
        .selectFrom('tombstones')
        .select(['party', 'id', 'modified'])
        .where('party', '=', party)
        .where('id', 'in', part)
        .execute();
      for (const r of rows) out.add(versionKeyOf(r));
    }
  }
  return out;
}

export interface ListQuery {
  types?: readonly string[];
  /** Only this Party's copies. */
  party?: string;
  /** Leave these types out (the Indicators list leaves out workflow records, object-kinds.ts). */
  withoutTypes?: readonly string[];
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

/** The Parties holding a newest version of any of these types, in code order. */
export async function partiesHolding(db: Db, types: readonly string[]): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('objects')
    .select('party')
    .distinct()
    .where('latest', '=', 1)
    .where('type', 'in', [...types])
    .orderBy('party')
    .execute();
  return rows.map((r) => r.party);
}

/** Newest versions (or all versions) in date_added order, for keyset paging. */
export async function listVersions(db: Db, q: ListQuery): Promise<StoredVersion[]> {
  if (q.release && !q.text && !q.allVersions && q.party === undefined) {
    return visibleLatest(db, { ...q, release: q.release });
  }
  let query = db.kysely.selectFrom('objects').selectAll();
  if (!q.allVersions) query = query.where('latest', '=', 1);
  if (q.types && q.types.length > 0) query = query.where('type', 'in', [...q.types]);
  if (q.party !== undefined) query = query.where('party', '=', q.party);
  if (q.withoutTypes?.length) query = query.where('type', 'not in', [...q.withoutTypes]);
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

/**
 * Every version of one object, oldest first: every Party's copy, unless `party` asks for
 * that Party's own. Ids are compared in lower case, the only case the door lets in.
 */
export async function getVersions(db: Db, id: string, party?: string): Promise<StoredVersion[]> {
  let q = db.kysely.selectFrom('objects').selectAll().where('id', '=', id.toLowerCase());
  if (party !== undefined) q = q.where('party', '=', party);
  const rows = await q.orderBy('modified').orderBy('party').execute();
  return rows.map(toStored);
}

// Building and compiling this query took Kysely as long as SQLite took to run it for the one
// id a lookup or a reference asks for (18 against 17 µs). Its text depends only on how many
// ids it binds, so for a few ids it is compiled once per store and run with the new ones.
const FEW_IDS = 8;

function latestCopiesQuery(db: Db, part: readonly string[]): CompiledQuery<Selectable<ObjectsTable>> {
  const build = () =>
    db.kysely
      .selectFrom('objects')
      .selectAll()
      .where('id', 'in', part)
      .where(notIndexed('latest'), '=', 1)
      .orderBy('party')
      .compile();
  if (part.length > FEW_IDS) return build();
  const parameters = [...part, 1];
  return compiledOnce(db, `latest copies of ${part.length}`, build, parameters);
}

/**
 * The newest version of every Party's copy of the given ids (for resolving references):
 * an id may be held by several Parties, each copy its own object for the policy to decide.
 */
export async function latestCopies(db: Db, ids: readonly string[]): Promise<Map<string, StoredVersion[]>> {
  const out = new Map<string, StoredVersion[]>();
  for (const part of chunks([...new Set(ids.map((id) => id.toLowerCase()))])) {
    const { rows } = await db.kysely.executeQuery(latestCopiesQuery(db, part));
    for (const r of rows) {
      const list = out.get(r.id);
      if (list) list.push(toStored(r));
      else out.set(r.id, [toStored(r)]);
    }
  }
  return out;
}

/** Every Party's newest copies of the given ids, in one list. */
export async function latestCopiesList(db: Db, ids: readonly string[]): Promise<StoredVersion[]> {
  return [...(await latestCopies(db, ids)).values()].flat();
}

/** The newest version of `party`'s own copy of each id: what that Party edits, cites or deletes. */
export async function latestOwn(
  db: Db,
  party: string,
  ids: readonly string[],
): Promise<Map<string, StoredVersion>> {
  const out = new Map<string, StoredVersion>();
  for (const part of chunks([...new Set(ids.map((id) => id.toLowerCase()))])) {
    const rows = await db.kysely
      .selectFrom('objects')
      .selectAll()
      .where('id', 'in', part)
      .where('party', '=', party)
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

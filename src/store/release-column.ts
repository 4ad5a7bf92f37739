// The `release` and `release_rank` columns (migration 009): written at ingest from the
// version's markings, read by listings to leave out in SQL what a reader could never see.
// The policy gate still decides every row that comes back; these columns only spare it
// the rows it would refuse anyway.

import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import {
  createMarkingResolver,
  type MarkingInfo,
  markingInfoOf,
  RELEASE_UNKNOWN,
  type ReleaseSummary,
  releaseSummary,
} from '../policy/index.js';
import { chunks } from './objects-writer.js';
import type { Database } from './schema.js';

/** A version as ingest and the backfill see it. */
interface Row {
  id: string;
  /** The originating Party: a marking counts only as that Party's own definition. */
  party: string;
  type: string;
  json: string;
}

const MARKED = /"(object_marking_refs|granular_markings)"/;

function refsOf(object: Record<string, unknown>): string[] {
  const out: string[] = [];
  const omr = object.object_marking_refs;
  if (Array.isArray(omr)) for (const r of omr) if (typeof r === 'string') out.push(r);
  const gm = object.granular_markings;
  if (Array.isArray(gm)) {
    for (const g of gm) {
      const r = (g as { marking_ref?: unknown } | null)?.marking_ref;
      if (typeof r === 'string') out.push(r);
    }
  }
  return out;
}

/**
 * The summaries of these versions, resolving their markings as the gate does: the standard
 * TLP ids, definitions among `batch`, then definitions already stored. Objects without
 * markings are not parsed at all, which keeps bulk imports of unmarked data cheap.
 */
export async function summariseReleases(
  db: Kysely<Database>,
  rows: readonly Row[],
  batch: readonly Row[] = rows,
): Promise<ReleaseSummary[]> {
  const parsed = rows.map((r) =>
    MARKED.test(r.json) ? (JSON.parse(r.json) as Record<string, unknown>) : null,
  );
  const known = createMarkingResolver([]);
  // Definitions are owned per Party, as the gate reads them: an object's marking is its
  // originator's own copy of the definition, never another Party's under the same id.
  const defs = new Map<string, MarkingInfo>();
  const key = (party: string, id: string) => `${party}\u0000${id.toLowerCase()}`;
  for (const r of batch) {
    if (r.type === 'marking-definition') defs.set(key(r.party, r.id), markingInfoOf(JSON.parse(r.json)));
  }
  const missing = new Set<string>();
  parsed.forEach((o, i) => {
    if (o) for (const id of refsOf(o)) if (!known(id) && !defs.has(key(rows[i]!.party, id))) missing.add(id);
  });
  for (const part of chunks([...missing])) {
    const held = await db
      .selectFrom('objects')
      .select(['id', 'party', 'json'])
      .where('id', 'in', part)
      .where('type', '=', 'marking-definition')
      .where(sql<number>`+${sql.ref('latest')}`, '=', 1)
      .execute();
    for (const h of held) defs.set(key(h.party, h.id), markingInfoOf(JSON.parse(h.json)));
  }
  return parsed.map((o, i) => {
    if (!o) return { release: '*', rank: 0 };
    const party = rows[i]!.party;
    try {
      return releaseSummary(o, (id) => known(id) ?? defs.get(key(party, id)));
    } catch {
      return RELEASE_UNKNOWN;
    }
  });
}

/**
 * What a listing may leave out for one reader. `party`: a Party in force, accredited up to
 * `rank`. `outsider`: anyone else — a third party, or a Party not in force (`own` names it,
 * for its own objects) — who may receive only TLP:CLEAR and objects a consent names
 * (`consented`; null when too many to list, and then only the exercise is filtered).
 * `exercise` always applies: no row crosses the exercise wall, not even to its originator.
 */
export interface ReleaseFilter {
  exercise: string | null;
  party?: { code: string; rank: number };
  outsider?: { own: string | null; consented: readonly string[] | null };
}

type Eb = ExpressionBuilder<Database, 'objects'>;

export function releaseCondition(eb: Eb, f: ReleaseFilter) {
  const exercise =
    f.exercise === null ? eb('objects.exercise', 'is', null) : eb('objects.exercise', '=', f.exercise);
  if (f.party) {
    const { code, rank } = f.party;
    const listed = `%|${code.replace(/[\\%_|]/g, '')}|%`;
    return eb.and([
      exercise,
      eb.or([
        eb('objects.party', '=', code),
        eb.and([
          eb('objects.release_rank', '<=', rank),
          eb.or([eb('objects.release', 'in', ['*', 'clear', '?']), eb('objects.release', 'like', listed)]),
        ]),
      ]),
    ]);
  }
  const o = f.outsider;
  if (!o || o.consented === null) return exercise;
  const open = [eb('objects.release', 'in', ['clear', '?'])];
  if (o.consented.length > 0) open.push(eb('objects.id', 'in', [...o.consented]));
  const any = [eb.and([eb('objects.release_rank', '=', 0), eb.or(open)])];
  if (o.own !== null) any.push(eb('objects.party', '=', o.own));
  return eb.and([exercise, eb.or(any)]);
}

/**
 * Writes the summary of every stored version (migration 009, and after a change to how
 * markings are read). Keyset batches, so memory stays flat on any store size.
 */
export async function backfillReleases(db: Kysely<Database>): Promise<void> {
  let after = -1;
  for (;;) {
    const rows = await db
      .selectFrom('objects')
      .select(['id', 'modified', 'party', 'type', 'json', 'date_added'])
      .where('date_added', '>', after)
      .orderBy('date_added')
      .limit(1000)
      .execute();
    if (rows.length === 0) return;
    const summaries = await summariseReleases(db, rows);
    for (const [i, r] of rows.entries()) {
      const s = summaries[i]!;
      await db
        .updateTable('objects')
        .set({ release: s.release, release_rank: s.rank })
        .where('id', '=', r.id)
        .where('modified', '=', r.modified)
        .where('party', '=', r.party)
        .execute();
    }
    after = Number(rows.at(-1)!.date_added);
  }
}

import { canonicalJson } from '../stix/canonical.js';
import type { Db } from './database.js';
import { lockIngest } from './objects-writer.js';
import type { Store } from './store.js';

export interface Tombstone {
  party: string;
  id: string;
  modified: string;
  type: string;
  deletedAt: number;
  deletedBy: string;
  sourceNode: string;
  /** The originating node's detached JWS over the deletion, once made or received. */
  signature?: string | null;
  /** The deleted version's markings as canonical JSON (see markingsOf). */
  markings?: string | null;
}

/**
 * What the policy needs to decide who may learn of a deletion: the deleted version's id,
 * type and markings, without its content.
 */
export function markingsOf(json: string): string {
  const o = JSON.parse(json) as Record<string, unknown>;
  const keep: Record<string, unknown> = { id: o.id, type: o.type };
  for (const k of ['object_marking_refs', 'granular_markings', 'created_by_ref'])
    if (o[k] !== undefined) keep[k] = o[k];
  return canonicalJson(keep);
}

/**
 * Deletes versions of one object of `party` and records a tombstone for each, in one
 * transaction. When the newest version goes, the newest remaining one becomes `latest`.
 * Returns the versions deleted (none when they were not held or belong to another Party).
 */
export async function deleteVersions(
  store: Store,
  input: { party: string; id: string; modified: readonly string[]; deletedBy: string },
): Promise<Tombstone[]> {
  if (input.modified.length === 0) return [];
  return store.transaction(async (trx) => {
    // Same lock as ingest: deletions take a date_added stamp and must commit in stamp order.
    await lockIngest(store.db, trx, store.clock);
    const rows = await trx
      .selectFrom('objects')
      .select(['modified', 'type', 'latest', 'source_node', 'json'])
      .where('party', '=', input.party)
      .where('id', '=', input.id)
      .where('modified', 'in', [...input.modified])
      .execute();
    if (rows.length === 0) return [];
    await trx
      .deleteFrom('objects')
      .where('party', '=', input.party)
      .where('id', '=', input.id)
      .where(
        'modified',
        'in',
        rows.map((r) => r.modified),
      )
      .execute();
    const out: Tombstone[] = rows.map((r) => ({
      party: input.party,
      id: input.id,
      modified: r.modified,
      type: r.type,
      deletedAt: store.clock.next(),
      deletedBy: input.deletedBy,
      sourceNode: r.source_node,
      markings: markingsOf(r.json),
    }));
    for (const t of out) {
      await trx
        .insertInto('tombstones')
        .values({
          party: t.party,
          id: t.id,
          modified: t.modified,
          type: t.type,
          deleted_at: t.deletedAt,
          deleted_by: t.deletedBy,
          source_node: t.sourceNode,
          markings: t.markings ?? null,
        })
        // A version imported again after a deletion and deleted once more: the newer deletion counts.
        .onConflict((oc) =>
          oc
            .columns(['party', 'id', 'modified'])
            .doUpdateSet({ deleted_at: t.deletedAt, deleted_by: t.deletedBy }),
        )
        .execute();
    }
    if (rows.some((r) => Number(r.latest) === 1)) {
      const newest = await trx
        .selectFrom('objects')
        .select('modified')
        .where('party', '=', input.party)
        .where('id', '=', input.id)
        .orderBy('modified', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (newest) {
        await trx
          .updateTable('objects')
          .set({ latest: 1 })
          .where('party', '=', input.party)
          .where('id', '=', input.id)
          .where('modified', '=', newest.modified)
          .execute();
      }
    }
    return out;
  });
}

/** Tombstones recorded after a deleted_at position, oldest first: what federation sends on. */
export async function listTombstones(db: Db, after: number, limit: number): Promise<Tombstone[]> {
  const rows = await db.kysely
    .selectFrom('tombstones')
    .selectAll()
    .where('deleted_at', '>', after)
    .orderBy('deleted_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    party: r.party,
    id: r.id,
    modified: r.modified,
    type: r.type,
    deletedAt: Number(r.deleted_at),
    deletedBy: r.deleted_by,
    sourceNode: r.source_node,
    signature: r.signature,
    markings: r.markings,
  }));
}

import type { Selectable } from 'kysely';
import type { Db } from './database.js';
import { type StoredVersion, toStored } from './objects-repo.js';
import { lockIngest } from './objects-writer.js';
import type { ObjectsTable } from './schema.js';
import type { Store } from './store.js';
import { deleteVersions, type Tombstone } from './tombstones-repo.js';

/**
 * One entry of a node's log: a version stored or a version deleted. Both are stamped by the
 * store's one date_added clock inside the transaction that writes them, so the log read in
 * stamp order is a transactional outbox: whatever committed is in it, in commit order.
 */
export type LogEntry =
  | { kind: 'version'; stamp: number; version: StoredVersion }
  | { kind: 'deletion'; stamp: number; tombstone: Tombstone };

export interface LogPage {
  entries: LogEntry[];
  /** Where the next read starts: the last stamp this page covered, or `after` when none. */
  cursor: number;
  more: boolean;
}

/**
 * Entries after `after`, oldest first. Versions and tombstones are read separately, so a page
 * ends where the shorter of the full lists ends: beyond it the other list may hide entries.
 */
export async function readLog(db: Db, after: number, limit: number): Promise<LogPage> {
  const [rows, tombs] = await Promise.all([
    db.kysely
      .selectFrom('objects')
      .selectAll()
      .where('date_added', '>', after)
      .orderBy('date_added')
      .limit(limit)
      .execute(),
    db.kysely
      .selectFrom('tombstones')
      .selectAll()
      .where('deleted_at', '>', after)
      .orderBy('deleted_at')
      .limit(limit)
      .execute(),
  ]);
  const full = [rows.length === limit ? Number(rows.at(-1)!.date_added) : Infinity];
  full.push(tombs.length === limit ? Number(tombs.at(-1)!.deleted_at) : Infinity);
  const bound = Math.min(...full);
  const entries: LogEntry[] = [
    ...rows.map(
      (r): LogEntry => ({
        kind: 'version',
        stamp: Number(r.date_added),
        version: toStored(r as Selectable<ObjectsTable>),
      }),
    ),
    ...tombs.map(
      (t): LogEntry => ({
        kind: 'deletion',
        stamp: Number(t.deleted_at),
        tombstone: {
          party: t.party,
          id: t.id,
          modified: t.modified,
          type: t.type,
          deletedAt: Number(t.deleted_at),
          deletedBy: t.deleted_by,
          sourceNode: t.source_node,
          signature: t.signature,
          markings: t.markings,
        },
      }),
    ),
  ]
    .filter((e) => e.stamp <= bound)
    .sort((a, b) => a.stamp - b.stamp)
    .slice(0, limit);
  const cursor = entries.length > 0 ? entries.at(-1)!.stamp : after;
  return { entries, cursor, more: bound !== Infinity };
}

/** Keeps the signature made at first egress; the same key and text always give the same one. */
export async function saveVersionSignature(
  db: Db,
  v: { party: string; id: string; modified: string },
  signature: string,
): Promise<void> {
  await db.kysely
    .updateTable('objects')
    .set({ signature })
    .where('party', '=', v.party)
    .where('id', '=', v.id)
    .where('modified', '=', v.modified)
    .execute();
}

export async function saveTombstoneSignature(
  db: Db,
  t: { party: string; id: string; modified: string },
  signature: string,
): Promise<void> {
  await db.kysely
    .updateTable('tombstones')
    .set({ signature })
    .where('party', '=', t.party)
    .where('id', '=', t.id)
    .where('modified', '=', t.modified)
    .execute();
}

/**
 * A deletion received from a peer, already verified: the version goes if held, and the
 * tombstone is kept either way (with the originating node's signature) so that a copy
 * arriving later through another path is refused. Returns false when it was already known.
 */
export async function applyRemoteDeletion(
  store: Store,
  t: {
    party: string;
    id: string;
    modified: string;
    sourceNode: string;
    signature: string;
    deletedBy: string;
  },
): Promise<boolean> {
  const known = await store.db.kysely
    .selectFrom('tombstones')
    .select('signature')
    .where('party', '=', t.party)
    .where('id', '=', t.id)
    .where('modified', '=', t.modified)
    .executeTakeFirst();
  if (known?.signature) return false;
  const deleted = await deleteVersions(store, {
    party: t.party,
    id: t.id,
    modified: [t.modified],
    deletedBy: t.deletedBy,
  });
  if (deleted.length > 0) {
    await saveTombstoneSignature(store.db, t, t.signature);
    return true;
  }
  if (known) {
    await saveTombstoneSignature(store.db, t, t.signature);
    return false;
  }
  // Never held here: the tombstone alone, stamped like any deletion so a hub passes it on.
  await store.transaction(async (trx) => {
    await lockIngest(store.db, trx, store.clock);
    await trx
      .insertInto('tombstones')
      .values({
        party: t.party,
        id: t.id,
        modified: t.modified,
        type: t.id.split('--')[0] ?? 'unknown',
        deleted_at: store.clock.next(),
        deleted_by: t.deletedBy,
        source_node: t.sourceNode,
        signature: t.signature,
        markings: null,
      })
      .onConflict((oc) => oc.columns(['party', 'id', 'modified']).doNothing())
      .execute();
  });
  return true;
}

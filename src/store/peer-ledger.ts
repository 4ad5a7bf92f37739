import type { Db } from './database.js';

// What each peer has been offered and has acknowledged, and what waits to be offered again.
// Both are keyed by the version (party, kind, id, modified), so a version sent ten times is one
// row, and the audit entry written when it is first delivered is the only one.

export interface LedgerRow {
  party: string;
  kind: 'version' | 'deletion';
  id: string;
  modified: string;
  /** The entry's stamp in this node's log. */
  stamp: number;
  contentHash: string;
}

const cols = ['party', 'peer_node', 'kind', 'id', 'modified'] as const;

function values(peerNode: string, rows: readonly LedgerRow[], at: string | null) {
  return rows.map((r) => ({
    party: r.party,
    peer_node: peerNode,
    kind: r.kind,
    id: r.id,
    modified: r.modified,
    stamp: r.stamp,
    content_hash: r.contentHash,
    delivered_at: at,
  }));
}

function toRow(r: {
  party: string;
  kind: string;
  id: string;
  modified: string;
  stamp: number;
  content_hash: string;
}): LedgerRow {
  return {
    party: r.party,
    kind: r.kind as LedgerRow['kind'],
    id: r.id,
    modified: r.modified,
    stamp: Number(r.stamp),
    contentHash: r.content_hash,
  };
}

const CHUNK = 400;

/**
 * The peer acknowledged these: each becomes delivered, and those not delivered before are
 * returned — in one statement, so two exchanges racing cannot both count the same version.
 */
export async function markDelivered(
  db: Db,
  peerNode: string,
  rows: readonly LedgerRow[],
  at: string,
): Promise<LedgerRow[]> {
  const fresh: LedgerRow[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const out = await db.kysely
      .insertInto('peer_delivered')
      .values(values(peerNode, rows.slice(i, i + CHUNK), at))
      .onConflict((oc) =>
        oc
          .columns([...cols])
          .doUpdateSet({ delivered_at: at })
          .where('peer_delivered.delivered_at', 'is', null),
      )
      .returning(['party', 'kind', 'id', 'modified', 'stamp', 'content_hash'])
      .execute();
    fresh.push(...out.map(toRow));
  }
  return fresh;
}

/** Served to the peer's pull: delivered once the peer reads past it (see confirmOffered). */
export async function markOffered(db: Db, peerNode: string, rows: readonly LedgerRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.kysely
      .insertInto('peer_delivered')
      .values(values(peerNode, rows.slice(i, i + CHUNK), null))
      .onConflict((oc) => oc.columns([...cols]).doNothing())
      .execute();
  }
}

/** The peer asked for what comes after `upTo`: it holds what it was served up to there. */
export async function confirmOffered(
  db: Db,
  peerNode: string,
  upTo: number,
  at: string,
): Promise<LedgerRow[]> {
  const out = await db.kysely
    .updateTable('peer_delivered')
    .set({ delivered_at: at })
    .where('peer_node', '=', peerNode)
    .where('delivered_at', 'is', null)
    .where('stamp', '<=', upTo)
    .returning(['party', 'kind', 'id', 'modified', 'stamp', 'content_hash'])
    .execute();
  return out.map(toRow);
}

/** How many versions the peer has acknowledged in all. */
export async function countDelivered(db: Db, peerNode: string): Promise<number> {
  const r = await db.kysely
    .selectFrom('peer_delivered')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('peer_node', '=', peerNode)
    .where('delivered_at', 'is not', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export type ParkDirection = 'in' | 'out';

export interface Parked {
  party: string;
  peerNode: string;
  direction: ParkDirection;
  kind: 'version' | 'deletion';
  id: string;
  modified: string;
  originNode: string;
  reason: string;
  /** The item as it travels (wire JSON), or for 'out' the log entry's key. */
  item: string;
  parkedAt: string;
}

export async function park(db: Db, rows: readonly Parked[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.kysely
      .insertInto('peer_parked')
      .values(
        rows.slice(i, i + CHUNK).map((p) => ({
          party: p.party,
          peer_node: p.peerNode,
          direction: p.direction,
          kind: p.kind,
          id: p.id,
          modified: p.modified,
          origin_node: p.originNode,
          reason: p.reason,
          item: p.item,
          parked_at: p.parkedAt,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['party', 'peer_node', 'direction', 'kind', 'id', 'modified']).doNothing(),
      )
      .execute();
  }
}

export async function listParked(
  db: Db,
  q: { direction: ParkDirection; peerNode?: string; limit: number },
): Promise<Parked[]> {
  let query = db.kysely.selectFrom('peer_parked').selectAll().where('direction', '=', q.direction);
  if (q.peerNode) query = query.where('peer_node', '=', q.peerNode);
  const rows = await query.orderBy('parked_at').limit(q.limit).execute();
  return rows.map((r) => ({
    party: r.party,
    peerNode: r.peer_node,
    direction: r.direction as ParkDirection,
    kind: r.kind as Parked['kind'],
    id: r.id,
    modified: r.modified,
    originNode: r.origin_node,
    reason: r.reason,
    item: r.item,
    parkedAt: r.parked_at,
  }));
}

export async function countParked(db: Db, peerNode: string): Promise<{ in: number; out: number }> {
  const rows = await db.kysely
    .selectFrom('peer_parked')
    .select(['direction', (eb) => eb.fn.countAll<number>().as('n')])
    .where('peer_node', '=', peerNode)
    .groupBy('direction')
    .execute();
  const n = (d: string) => Number(rows.find((r) => r.direction === d)?.n ?? 0);
  return { in: n('in'), out: n('out') };
}

export async function unpark(db: Db, rows: readonly Parked[]): Promise<void> {
  for (const p of rows) {
    await db.kysely
      .deleteFrom('peer_parked')
      .where('party', '=', p.party)
      .where('peer_node', '=', p.peerNode)
      .where('direction', '=', p.direction)
      .where('kind', '=', p.kind)
      .where('id', '=', p.id)
      .where('modified', '=', p.modified)
      .execute();
  }
}

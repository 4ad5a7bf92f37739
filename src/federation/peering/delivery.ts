// Audited means delivered, once. A disclosure to a peer is written to the audit log when the
// peer has it — its signed acknowledgement of a push names it, or its next pull reads past it
// — and only the first time: the ledger (peer_delivered) knows what each peer already holds,
// so retries, re-sends and a push racing a pull add nothing. Entries name versions and their
// content hashes, never the objects.

import type { AuditBody } from '../../audit/chain.js';
import { recordAudit } from '../../audit/log.js';
import type { AccordNode } from '../../node/node.js';
import { getVersions } from '../../store/index.js';
import type { StoredVersion } from '../../store/objects-repo.js';
import {
  type LedgerRow,
  listParked,
  markDelivered,
  type Parked,
  park,
  unpark,
} from '../../store/peer-ledger.js';
import type { AckItem } from './ack.js';

export interface PeerRef {
  party: string;
  nodeId: string;
}

/** What the peer refused, as its acknowledgement said. */
export interface RefusedByPeer {
  row: LedgerRow;
  reason: string;
}

function entryFor(
  node: AccordNode,
  peer: PeerRef,
  via: 'push' | 'pull',
  date: string,
  delivered: readonly LedgerRow[],
  refused: readonly RefusedByPeer[],
): AuditBody {
  const version = (r: LedgerRow) => ({
    id: r.id,
    version: r.modified,
    originator: r.party,
    ...(r.kind === 'deletion' ? { deletion: true } : { hash: r.contentHash }),
  });
  return {
    at: new Date().toISOString(),
    actor: { kind: 'node', id: peer.nodeId, party: peer.party },
    action: 'disclosure',
    details: {
      recipient: { kind: 'party', party: peer.party },
      peer_node: peer.nodeId,
      holder: node.settings.party,
      channel: 'federation',
      via,
      date,
      objects: delivered.map(version),
      ...(refused.length > 0
        ? { refused_by_peer: refused.map((r) => ({ ...version(r.row), reason: r.reason })) }
        : {}),
    },
  };
}

/**
 * Marks what the peer now holds and audits what it did not hold before; a version of the
 * peer's own Party is its own information and is not a disclosure. Returns the versions
 * newly delivered.
 */
export async function recordDelivery(
  node: AccordNode,
  peer: PeerRef,
  via: 'push' | 'pull',
  date: string,
  held: readonly LedgerRow[],
  refused: readonly RefusedByPeer[] = [],
): Promise<LedgerRow[]> {
  const at = new Date().toISOString();
  const fresh = held.length > 0 ? await markDelivered(node.store.db, peer.nodeId, held, at) : [];
  await auditDelivered(node, peer, via, date, fresh, refused);
  return fresh;
}

export async function auditDelivered(
  node: AccordNode,
  peer: PeerRef,
  via: 'push' | 'pull',
  date: string,
  fresh: readonly LedgerRow[],
  refused: readonly RefusedByPeer[] = [],
): Promise<void> {
  const others = fresh.filter((r) => r.party !== peer.party);
  if (others.length === 0 && refused.length === 0) return;
  await recordAudit(node, [entryFor(node, peer, via, date, others, refused)]);
}

/** Splits an acknowledgement into what the peer holds and what it refused. */
export function splitAck(rows: readonly LedgerRow[], acked: readonly AckItem[]) {
  const held: LedgerRow[] = [];
  const refused: RefusedByPeer[] = [];
  for (const [i, a] of acked.entries()) {
    const row = rows[i]!;
    if (a.status === 'refused') refused.push({ row, reason: a.reason ?? 'refused' });
    else held.push(row);
  }
  return { held, refused };
}

/** Versions withheld from a peer for a reason that can go away, kept to be offered again. */
export async function parkWithheld(
  node: AccordNode,
  peer: PeerRef,
  deferred: readonly { version: StoredVersion; reason: string }[],
): Promise<void> {
  if (deferred.length === 0) return;
  const at = new Date().toISOString();
  await park(
    node.store.db,
    deferred.map(({ version: v, reason }) => ({
      party: v.party,
      peerNode: peer.nodeId,
      direction: 'out',
      kind: 'version',
      id: v.id,
      modified: v.modified,
      originNode: v.sourceNode,
      reason,
      item: JSON.stringify({ stamp: v.dateAdded }),
      parkedAt: at,
    })),
  );
}

/** The parked versions for a peer, as still held (one deleted since is dropped from the park). */
export async function parkedVersions(
  node: AccordNode,
  peerNode: string,
  limit: number,
): Promise<{ parked: Parked; version: StoredVersion }[]> {
  const parked = await listParked(node.store.db, { direction: 'out', peerNode, limit });
  const out: { parked: Parked; version: StoredVersion }[] = [];
  const gone: Parked[] = [];
  for (const p of parked) {
    const v = (await getVersions(node.store.db, p.id)).find(
      (x) => x.party === p.party && x.modified === p.modified,
    );
    if (v) out.push({ parked: p, version: v });
    else gone.push(p);
  }
  await unpark(node.store.db, gone);
  return out;
}

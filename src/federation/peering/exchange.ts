// One push or one pull between this node and one peer, each to the end of what there is.
// A push moves the peer's cursor only over items the peer's signed acknowledgement names, so
// an item is sent until it arrives; ingest is idempotent, so an item sent twice is stored once.
// What the peer acknowledges is audited then, once (delivery.ts).

import { partiesInForceOn } from '../../node/agreement-service.js';
import { type Disclosed, decideDisclosure } from '../../node/disclosure.js';
import type { AccordNode } from '../../node/node.js';
import type { StoredVersion } from '../../store/index.js';
import { unpark } from '../../store/peer-ledger.js';
import { addTotals, getPeer, type Peer, recordPull, recordPush } from '../../store/peers-repo.js';
import type { AckItem } from './ack.js';
import { parkedVersions, parkWithheld, recordDelivery, splitAck } from './delivery.js';
import { pushNotices } from './notices-push.js';
import { ledgerRow, outboxFor, peerAudience, versionItem } from './outbox.js';
import { type ClientOptions, PeerError, pullPage, pushItems } from './peer-client.js';
import { receiveItems } from './receive.js';
import { parseItems } from './wire.js';

export interface ExchangeOptions {
  /** YYYY-MM-DD: the day the Agreement and the policy are read for. */
  today: string;
  hub: boolean;
  pageSize?: number;
  client?: ClientOptions;
}

/** What one exchange moved, in the words the operator reads. */
export interface ExchangeCounts {
  /** Items sent or received. */
  items: number;
  /** Stored (or deleted) by the receiving side: it did not hold them before. */
  new: number;
  /** Already held by the receiving side. */
  unchanged: number;
  /** Refused by the receiving side (a reason each, in the audit log). */
  refused: number;
  /** Not sent: the policy withholds them from the peer. */
  withheld: number;
}

export type ExchangeOutcome =
  | ({ kind: 'done'; cursor: number } & ExchangeCounts)
  /** The peer's Party is not in force: nothing is exchanged and its cursor waits. */
  | { kind: 'suspended'; reason: string }
  /** A member reached through a hub: this node does not call it. */
  | { kind: 'relay-only' };

async function gate(
  node: AccordNode,
  peer: Peer | undefined,
  today: string,
): Promise<ExchangeOutcome | Peer> {
  if (!peer) throw new PeerError(0, 'no such peer');
  if (!peer.url) return { kind: 'relay-only' };
  if (!(await partiesInForceOn(node, today)).has(peer.party))
    return { kind: 'suspended', reason: `the Agreement is not in force for ${peer.party} on ${today}` };
  return peer;
}

function zero(): ExchangeCounts {
  return { items: 0, new: 0, unchanged: 0, refused: 0, withheld: 0 };
}

function tally(c: ExchangeCounts, statuses: readonly { status: string }[]): void {
  c.items += statuses.length;
  for (const s of statuses) {
    if (s.status === 'stored' || s.status === 'deleted') c.new++;
    else if (s.status === 'unchanged') c.unchanged++;
    else c.refused++;
  }
}

/**
 * Pushes everything after `cursor` (the caller's, when it keeps one in memory; the stored one
 * otherwise), after what was parked for the peer and may now go. The stored cursor is written
 * after each acknowledged page unless the caller keeps it (`persist: false`).
 */
export async function pushToPeer(
  node: AccordNode,
  nodeId: string,
  o: ExchangeOptions & { cursor?: number; persist?: boolean; reoffer?: boolean },
): Promise<ExchangeOutcome> {
  const persist = o.persist ?? true;
  const known = await getPeer(node.store.db, nodeId);
  const g = await gate(node, known, o.today);
  if (!('nodeId' in g) && g.kind === 'suspended' && known) await pushNotices(node, known, o);
  if (!('nodeId' in g)) return g;
  const peer = g;
  let cursor = Math.max(o.cursor ?? 0, peer.pushCursor);
  const counts = zero();
  if (o.reoffer ?? true) await reofferParked(node, peer, o, counts);
  try {
    for (;;) {
      const page = await outboxFor(node, peer, {
        after: cursor,
        limit: o.pageSize ?? 500,
        date: o.today,
        hub: o.hub,
      });
      counts.withheld += page.withheld;
      await parkWithheld(node, peer, page.deferred);
      if (page.items.length > 0) {
        const acked = await pushItems(node, peer, page.items, o.client);
        await deliver(node, peer, o.today, page.rows, acked, counts);
        if (acked.length < page.items.length)
          throw new PeerError(
            200,
            `${peer.nodeId} acknowledged ${acked.length} of ${page.items.length} items: the rest is sent again`,
            'bad-answer',
          );
      }
      if (persist && (page.items.length > 0 || page.cursor !== cursor))
        await recordPush(node.store.db, peer.nodeId, page.cursor, new Date().toISOString());
      cursor = page.cursor;
      if (!page.more) break;
    }
  } finally {
    await addTotals(node.store.db, peer.nodeId, {
      sentNew: counts.new,
      sentUnchanged: counts.unchanged,
      sentRefused: counts.refused,
    });
  }
  return { kind: 'done', cursor, ...counts };
}

async function deliver(
  node: AccordNode,
  peer: Peer,
  today: string,
  rows: Parameters<typeof splitAck>[0],
  acked: readonly AckItem[],
  counts: ExchangeCounts,
): Promise<void> {
  const { held, refused } = splitAck(rows, acked);
  await recordDelivery(node, peer, 'push', today, held, refused);
  tally(counts, acked);
}

/** Versions withheld earlier for a reason that has gone away are offered now. */
async function reofferParked(node: AccordNode, peer: Peer, o: ExchangeOptions, counts: ExchangeCounts) {
  const parked = await parkedVersions(node, peer.nodeId, o.pageSize ?? 500);
  if (parked.length === 0) return;
  const versions = parked.map((p) => p.version);
  const decision = await decideDisclosure(node, peerAudience(peer), versions, 'federation', o.today, {
    audit: false,
  });
  // On this channel the gate passes each version on as it is, now branded.
  const allowed = new Map<StoredVersion, Disclosed<StoredVersion>>(decision.allowed.map((d) => [d, d]));
  const going = parked.filter((p) => allowed.has(p.version));
  if (going.length === 0) return;
  const items = [];
  for (const p of going) items.push(await versionItem(node, allowed.get(p.version)!));
  const acked = await pushItems(node, peer, items, o.client);
  const rows = going.map((p) => ledgerRow(p.version, 'version', p.version.dateAdded));
  await deliver(node, peer, o.today, rows, acked, counts);
  await unpark(
    node.store.db,
    going.slice(0, acked.length).map((p) => p.parked),
  );
}

/** Reads the peer's outbox from the stored pull cursor to its end. */
export async function pullFromPeer(
  node: AccordNode,
  nodeId: string,
  o: ExchangeOptions,
): Promise<ExchangeOutcome> {
  const g = await gate(node, await getPeer(node.store.db, nodeId), o.today);
  if (!('nodeId' in g)) return g;
  const peer = g;
  let cursor = peer.pullCursor;
  const counts = zero();
  try {
    for (;;) {
      const page = await pullPage(node, peer, cursor, o.pageSize ?? 500, o.client);
      const parsed = parseItems(page.items);
      if (!parsed.ok)
        throw new PeerError(200, `${peer.nodeId}'s outbox is malformed: ${parsed.message}`, 'bad-answer');
      if (parsed.items.length > 0) tally(counts, (await receiveItems(node, peer, parsed.items)).results);
      const next = Number(page.next);
      await recordPull(node.store.db, peer.nodeId, next, new Date().toISOString());
      const advanced = next > cursor;
      cursor = Math.max(cursor, next);
      if (!page.more || !advanced) break;
    }
  } finally {
    await addTotals(node.store.db, peer.nodeId, {
      receivedNew: counts.new,
      receivedUnchanged: counts.unchanged,
      receivedRefused: counts.refused,
    });
  }
  return { kind: 'done', cursor, ...counts };
}

// One push or one pull between this node and one peer, each to the end of what there is.
// A push moves the peer's cursor only after the peer acknowledged the items, so an item is
// sent until it arrives; ingest is idempotent, so an item sent twice is stored once.

import { partiesInForceOn } from '../../node/agreement-service.js';
import type { AccordNode } from '../../node/node.js';
import { getPeer, type Peer, recordPull, recordPush } from '../../store/peers-repo.js';
import { pushNotices } from './notices-push.js';
import { outboxFor } from './outbox.js';
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

export type ExchangeOutcome =
  | { kind: 'done'; items: number; refused: number; withheld: number; cursor: number }
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

/**
 * Pushes everything after `cursor` (the caller's, when it keeps one in memory; the stored one
 * otherwise). The stored cursor is written after each acknowledged page unless the caller
 * keeps it (`persist: false`) and writes it itself: a cursor written late only means items
 * sent again, which the peer's idempotent ingest ignores.
 */
export async function pushToPeer(
  node: AccordNode,
  nodeId: string,
  o: ExchangeOptions & { cursor?: number; persist?: boolean },
): Promise<ExchangeOutcome> {
  const persist = o.persist ?? true;
  const known = await getPeer(node.store.db, nodeId);
  const g = await gate(node, known, o.today);
  if (!('nodeId' in g) && g.kind === 'suspended' && known) await pushNotices(node, known, o);
  if (!('nodeId' in g)) return g;
  const peer = g;
  let cursor = Math.max(o.cursor ?? 0, peer.pushCursor);
  let items = 0;
  let refused = 0;
  let withheld = 0;
  for (;;) {
    const page = await outboxFor(node, peer, {
      after: cursor,
      limit: o.pageSize ?? 500,
      date: o.today,
      hub: o.hub,
    });
    withheld += page.withheld;
    if (page.items.length > 0) {
      const answer = await pushItems(node, peer, page.items, o.client);
      items += page.items.length;
      refused += answer.refused;
      if (persist) await recordPush(node.store.db, peer.nodeId, page.cursor, new Date().toISOString());
    } else if (persist && page.cursor !== cursor) {
      await recordPush(node.store.db, peer.nodeId, page.cursor, new Date().toISOString());
    }
    cursor = page.cursor;
    if (!page.more) break;
  }
  return { kind: 'done', items, refused, withheld, cursor };
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
  let items = 0;
  let refused = 0;
  for (;;) {
    const page = await pullPage(node, peer, cursor, o.pageSize ?? 500, o.client);
    const parsed = parseItems(page.items);
    if (!parsed.ok) throw new PeerError(200, `${peer.nodeId}'s outbox is malformed: ${parsed.message}`);
    if (parsed.items.length > 0) {
      const answer = await receiveItems(node, peer, parsed.items);
      items += parsed.items.length;
      refused += answer.refused;
    }
    const next = Number(page.next);
    await recordPull(node.store.db, peer.nodeId, next, new Date().toISOString());
    const advanced = next > cursor;
    cursor = Math.max(cursor, next);
    if (!page.more || !advanced) break;
  }
  return { kind: 'done', items, refused, withheld: 0, cursor };
}

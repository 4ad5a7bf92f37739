// Items a peer handed over that were refused for a reason that can go away wait in the park
// (peer_parked, direction 'in'). They are imported again when something changes that may lift
// the reason — a key pinned, the node's accreditation raised — without touching any cursor.

import type { AccordNode } from '../../node/node.js';
import { listParked, type Parked, unpark } from '../../store/peer-ledger.js';
import { loadMembers } from './members.js';
import { receiveItems } from './receive.js';
import { parseItems } from './wire.js';

/** Tries every parked item again; returns how many are no longer waiting. */
export async function retryParked(node: AccordNode, limit = 1000): Promise<number> {
  const parked = await listParked(node.store.db, { direction: 'in', limit });
  if (parked.length === 0) return 0;
  const members = await loadMembers(node);
  const byPeer = new Map<string, Parked[]>();
  for (const p of parked) byPeer.set(p.peerNode, [...(byPeer.get(p.peerNode) ?? []), p]);
  let settled = 0;
  for (const [peerNode, rows] of byPeer) {
    const parsed = parseItems(rows.map((r) => JSON.parse(r.item) as unknown));
    if (!parsed.ok) {
      await unpark(node.store.db, rows);
      continue;
    }
    // The node that handed them over may be gone since; its Party is then not known here.
    const from = members.get(peerNode)?.peer ?? { nodeId: peerNode, party: rows[0]!.party };
    const answer = await receiveItems(node, from, parsed.items, { retry: true });
    const done = rows.filter((_, i) => !answer.results[i]?.parked);
    await unpark(node.store.db, done);
    settled += done.length;
  }
  return settled;
}

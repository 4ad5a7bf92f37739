// Article 17 asks the depositary to tell every signatory of the treaty's events, including
// those for which the Agreement is not (or no longer) in force. Nothing else is exchanged with
// their nodes, so the depositary's notices go to them on their own, without moving the
// peer's cursor: when the Agreement enters into force for it, it still receives all the rest.

import { NOTICE_TYPE } from '../../exchange/depositary-service.js';
import { cacheSlot } from '../../node/caches.js';
import { decideDisclosure } from '../../node/disclosure.js';
import type { AccordNode } from '../../node/node.js';
import { listVersions } from '../../store/index.js';
import type { Peer } from '../../store/peers-repo.js';
import { peerAudience, versionItem } from './outbox.js';
import { type ClientOptions, pushItems } from './peer-client.js';

// The newest notice each peer acknowledged in this process; a restart sends them once more,
// which the peer's idempotent ingest ignores. Notices are a few dozen in a treaty's life.
const SENT = cacheSlot('notices sent to peers', () => new Map<string, number>());

/** Pushes the notices a suspended peer has not had yet; returns how many were sent. */
export async function pushNotices(
  node: AccordNode,
  peer: Peer,
  o: { today: string; hub: boolean; client?: ClientOptions },
): Promise<number> {
  const marks = node.caches.get(SENT);
  const last = marks.get(peer.nodeId) ?? -1;
  const self = node.settings.nodeId;
  const fresh = (
    await listVersions(node.store.db, { types: [NOTICE_TYPE], after: last, limit: 1000 })
  ).filter(
    (v) =>
      v.sourceNode !== peer.nodeId &&
      (v.sourceNode === self ? v.party === node.settings.party : o.hub && Boolean(v.signature)),
  );
  if (fresh.length === 0) return 0;
  const { allowed } = await decideDisclosure(node, peerAudience(peer), fresh, 'federation', o.today);
  if (allowed.length > 0) {
    const items = [];
    for (const v of allowed) items.push(await versionItem(node, v));
    await pushItems(node, peer, items, o.client);
  }
  marks.set(peer.nodeId, Math.max(...fresh.map((v) => v.dateAdded)));
  return allowed.length;
}

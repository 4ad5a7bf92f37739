// What this node sends a peer: the entries of its log after the peer's cursor that it may send
// at all (what it originated; as a hub, also what it holds with its originator's signature),
// cut by the policy for the peer's Party on the day. Decided at send time, because the day
// and the Agreement's state on it decide.

import type { Audience } from '../../node/disclosure.js';
import { decideDisclosure } from '../../node/disclosure.js';
import type { AccordNode } from '../../node/node.js';
import { signCanonical } from '../../node/signing.js';
import { canonicalJson } from '../../stix/canonical.js';
import {
  type LogEntry,
  readLog,
  saveTombstoneSignature,
  saveVersionSignature,
} from '../../store/federation-log.js';
import type { StoredVersion } from '../../store/objects-repo.js';
import type { Tombstone } from '../../store/tombstones-repo.js';
import { deletionText, type WireItem } from './wire.js';

export interface OutboxOptions {
  after: number;
  limit: number;
  /** YYYY-MM-DD: the day the policy decides for. */
  date: string;
  hub: boolean;
}

export interface OutboxResult {
  items: WireItem[];
  cursor: number;
  more: boolean;
  withheld: number;
}

export function peerAudience(peer: { party: string; nodeId: string }): Audience {
  return {
    recipient: { kind: 'party', party: peer.party },
    actor: { kind: 'node', id: peer.nodeId, party: peer.party },
  };
}

/**
 * Whether this node passes the entry on at all, before the policy: its own, or — as a hub —
 * another node's signed entry. Never back to the node that made it.
 */
function carries(node: AccordNode, e: LogEntry, peerNode: string, hub: boolean): boolean {
  const s = node.settings;
  const x = e.kind === 'version' ? e.version : e.tombstone;
  if (x.sourceNode === peerNode) return false;
  if (x.sourceNode === s.nodeId) return x.party === s.party;
  if (!hub || !x.signature) return false;
  // A deletion of something never held here: its markings are unknown, so nobody is told.
  return e.kind === 'version' ? e.version.exercise === null : Boolean(e.tombstone.markings);
}

/** A deletion as the policy sees it: the deleted version's id, type and markings. */
function deletionStub(t: Tombstone): StoredVersion {
  return {
    party: t.party,
    id: t.id,
    modified: t.modified,
    type: t.type,
    dateAdded: t.deletedAt,
    sourceNode: t.sourceNode,
    contentHash: '',
    revoked: false,
    latest: false,
    exercise: null,
    signature: t.signature ?? null,
    json: t.markings ?? canonicalJson({ id: t.id, type: t.type }),
  };
}

export async function outboxFor(
  node: AccordNode,
  peer: { party: string; nodeId: string },
  o: OutboxOptions,
): Promise<OutboxResult> {
  const page = await readLog(node.store.db, o.after, o.limit);
  const candidates = page.entries.filter((e) => carries(node, e, peer.nodeId, o.hub));
  const asVersions = candidates.map((e) => (e.kind === 'version' ? e.version : deletionStub(e.tombstone)));
  const decision = await decideDisclosure(node, peerAudience(peer), asVersions, 'federation', o.date);
  const allowed = new Set(decision.allowed);
  const items: WireItem[] = [];
  for (const [i, e] of candidates.entries()) {
    if (!allowed.has(asVersions[i]!)) continue;
    items.push(
      e.kind === 'version' ? await versionItem(node, e.version) : await deletionItem(node, e.tombstone),
    );
  }
  return { items, cursor: page.cursor, more: page.more, withheld: decision.denied.length };
}

/**
 * Own versions are signed at their first way out, not at import: signing costs ~150 µs a
 * version, which would cut a bulk import's speed by more than half, and most imported
 * indicators never leave. Ed25519 is deterministic, so signing twice gives the same signature.
 */
export async function versionItem(node: AccordNode, v: StoredVersion): Promise<WireItem> {
  let signature = v.signature;
  if (!signature) {
    signature = await signCanonical(node.keys.privateKey, node.settings.nodeId, v.json);
    await saveVersionSignature(node.store.db, v, signature);
  }
  return {
    kind: 'version',
    object: JSON.parse(v.json) as Record<string, unknown>,
    originator: v.party,
    origin_node: v.sourceNode,
    signature,
  };
}

async function deletionItem(node: AccordNode, t: Tombstone): Promise<WireItem> {
  let signature = t.signature ?? null;
  if (!signature) {
    const text = deletionText({ id: t.id, modified: t.modified, originator: t.party });
    signature = await signCanonical(node.keys.privateKey, node.settings.nodeId, text);
    await saveTombstoneSignature(node.store.db, t, signature);
  }
  return {
    kind: 'deletion',
    id: t.id,
    modified: t.modified,
    originator: t.party,
    origin_node: t.sourceNode,
    signature,
  };
}

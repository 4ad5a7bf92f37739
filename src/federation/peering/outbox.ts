// What this node sends a peer: the entries of its log after the peer's cursor that it may send
// at all (what it originated; as a hub, also what it holds with its originator's signature),
// cut by the policy for the peer's Party on the day. Decided at send time, because the day
// and the Agreement's state on it decide.

import { type Disclosed, disclosedObject } from '../../node/disclosed.js';
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
import type { LedgerRow } from '../../store/peer-ledger.js';
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
  /** For each item, the version it carries as the delivery ledger keys it. */
  rows: LedgerRow[];
  cursor: number;
  more: boolean;
  withheld: number;
  /** Versions withheld for a reason that can go away, to be parked and offered again. */
  deferred: { version: StoredVersion; reason: string }[];
}

/** Deny reasons that a later day, a raised accreditation or a marking received can lift. */
export const PASSING_REASONS = new Set(['above-accreditation', 'not-in-force', 'unknown-marking']);

export function ledgerRow(v: StoredVersion, kind: LedgerRow['kind'], stamp: number): LedgerRow {
  return { party: v.party, kind, id: v.id, modified: v.modified, stamp, contentHash: v.contentHash };
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

/**
 * The page of the log after `o.after` that the peer may receive. Decided without auditing:
 * the disclosure is audited when the peer acknowledges it (delivery.ts), once.
 */
export async function outboxFor(
  node: AccordNode,
  peer: { party: string; nodeId: string },
  o: OutboxOptions,
): Promise<OutboxResult> {
  const page = await readLog(node.store.db, o.after, o.limit);
  const candidates = page.entries.filter((e) => carries(node, e, peer.nodeId, o.hub));
  const asVersions = candidates.map((e) => (e.kind === 'version' ? e.version : deletionStub(e.tombstone)));
  const decision = await decideDisclosure(node, peerAudience(peer), asVersions, 'federation', o.date, {
    audit: false,
  });
  // On this channel the gate passes each version on as it is (no reader's copy), so the
  // allowed values are the very versions asked about, now branded.
  const allowed = new Map<StoredVersion, Disclosed<StoredVersion>>(decision.allowed.map((d) => [d, d]));
  const items: WireItem[] = [];
  const rows: LedgerRow[] = [];
  for (const [i, e] of candidates.entries()) {
    const d = allowed.get(asVersions[i]!);
    if (!d) continue;
    items.push(e.kind === 'version' ? await versionItem(node, d) : await deletionItem(node, e.tombstone));
    rows.push(ledgerRow(asVersions[i]!, e.kind, e.stamp));
  }
  const deferred = decision.denied
    .filter((d) => PASSING_REASONS.has(d.reason) && d.version.contentHash !== '')
    .map((d) => ({ version: d.version, reason: d.reason }));
  return {
    items,
    rows,
    cursor: page.cursor,
    more: page.more,
    withheld: decision.denied.length,
    deferred,
  };
}

/**
 * Own versions are signed at their first way out, not at import: signing costs ~150 µs a
 * version, which would cut a bulk import's speed by more than half, and most imported
 * indicators never leave. Ed25519 is deterministic, so signing twice gives the same signature.
 */
export async function versionItem(node: AccordNode, v: Disclosed<StoredVersion>): Promise<WireItem> {
  let signature = v.signature;
  if (!signature) {
    signature = await signCanonical(node.keys.privateKey, node.settings.nodeId, v.json);
    await saveVersionSignature(node.store.db, v, signature);
  }
  return {
    kind: 'version',
    object: disclosedObject(v),
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

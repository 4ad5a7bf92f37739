// Pinning and forgetting peers, and what is known of their health: the one place both
// `accord peer` and the REST API go through, so that both check and answer alike.

import { AccordError } from '../../errors.js';
import { partiesInForceOn, todayUtc } from '../../node/agreement-service.js';
import { storeChanged } from '../../node/changes.js';
import type { AccordNode } from '../../node/node.js';
import { addPeer, listPeers, type Peer, removePeer } from '../../store/peers-repo.js';
import { keyFingerprint, type PeerHealth, peerHealth } from './health.js';
import { publicKeyOf } from './members.js';
import { retryParked } from './parked.js';
import { isNodeId } from './wire.js';

export interface PinInput {
  party: string;
  nodeId: string;
  /** null: a node reached only through a hub. */
  url: string | null;
  /** The peer's Ed25519 public key as a JWK; other members (a private `d`) are refused. */
  publicKeyJwk: Record<string, unknown>;
}

export interface PeerKey {
  jwk: Record<string, unknown>;
  nodeId?: string;
  party?: string;
}

/**
 * A peer's key as its `accord init --json` printed it: the JWK itself, or the whole output,
 * which also names the node and its Party. Only the public members are kept.
 */
export function peerKeyOf(v: Record<string, unknown>): PeerKey {
  const init = typeof v.public_key === 'object' && v.public_key !== null;
  const jwk = (init ? v.public_key : v) as Record<string, unknown>;
  publicKeyOf(jwk);
  return {
    jwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x },
    ...(init && typeof v.node_id === 'string' ? { nodeId: v.node_id } : {}),
    ...(init && typeof v.party === 'string' ? { party: v.party } : {}),
  };
}

/** Pins a peer's key (and URL), after the checks `accord peer add` makes. */
export async function pinPeer(node: AccordNode, p: PinInput): Promise<Peer> {
  if (!/^[A-Z]{2}$/.test(p.party)) {
    throw new AccordError('ACCORD_VALIDATION', `party '${p.party}' must be a two-letter Party code`);
  }
  if (!isNodeId(p.nodeId)) {
    throw new AccordError(
      'ACCORD_VALIDATION',
      `node id '${p.nodeId}' must be 1–128 letters, digits or . _ : -`,
    );
  }
  if (p.url !== null && !/^https?:\/\/[^\s]+$/.test(p.url)) {
    throw new AccordError('ACCORD_VALIDATION', `url '${p.url}' is not an http(s) URL`);
  }
  publicKeyOf(p.publicKeyJwk);
  if (p.nodeId === node.settings.nodeId) {
    throw new AccordError('ACCORD_VALIDATION', 'a node cannot peer with itself');
  }
  const jwk = p.publicKeyJwk;
  const peer = await addPeer(node.store.db, { ...p, publicKeyJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x } });
  // What was refused for want of this key is imported now; a running service starts its link.
  await retryParked(node);
  storeChanged(node);
  return peer;
}

/** Forgets a peer and its key; what came from it stays. */
export async function unpinPeer(node: AccordNode, nodeId: string): Promise<void> {
  if (!(await removePeer(node.store.db, nodeId)))
    throw new AccordError('ACCORD_NOT_FOUND', `no peer ${nodeId}`);
  storeChanged(node);
}

export interface PeerStatus {
  peer: Peer;
  fingerprint: string;
  health: PeerHealth;
}

/** Every peer with its key's fingerprint and its health on the day, as `accord peer list` shows them. */
export async function peerStatuses(node: AccordNode, today = todayUtc()): Promise<PeerStatus[]> {
  const inForce = await partiesInForceOn(node, today);
  return (await listPeers(node.store.db)).map((peer) => ({
    peer,
    fingerprint: keyFingerprint(peer.publicKeyJwk),
    health: peerHealth(peer, inForce.has(peer.party), today),
  }));
}

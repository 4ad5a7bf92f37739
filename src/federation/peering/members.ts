import { createPublicKey, type KeyObject } from 'node:crypto';
import { AccordError } from '../../errors.js';
import type { AccordNode } from '../../node/node.js';
import { listPeers, type Peer } from '../../store/peers-repo.js';

/** A known federation member with its pinned key ready to verify with. */
export interface Member {
  peer: Peer;
  key: KeyObject;
}

// KeyObjects are costly to make and a key never changes under a node id without a remove
// and an add, which changes the JWK text this is keyed on.
const keyCache = new Map<string, KeyObject>();

/** Parses an Ed25519 public JWK; throws ACCORD_VALIDATION when it is not one. */
export function publicKeyOf(jwk: Record<string, unknown>): KeyObject {
  const text = JSON.stringify(jwk);
  const hit = keyCache.get(text);
  if (hit) return hit;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || 'd' in jwk) {
    throw new AccordError(
      'ACCORD_VALIDATION',
      'the key must be an Ed25519 public JWK ({"kty":"OKP","crv":"Ed25519","x":…})',
    );
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
  } catch {
    throw new AccordError('ACCORD_VALIDATION', 'the key is not a valid Ed25519 public key');
  }
  if (keyCache.size > 1000) keyCache.clear();
  keyCache.set(text, key);
  return key;
}

/** Every member this node knows, by node id: read per exchange, the table is small. */
export async function loadMembers(node: AccordNode): Promise<Map<string, Member>> {
  const out = new Map<string, Member>();
  for (const peer of await listPeers(node.store.db))
    out.set(peer.nodeId, { peer, key: publicKeyOf(peer.publicKeyJwk) });
  return out;
}

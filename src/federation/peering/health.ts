import { createHash } from 'node:crypto';
import type { Peer } from '../../store/peers-repo.js';

/** How a peer is doing, as `accord peer list` shows it. */
export type PeerHealth =
  /** Known by key only: reached through a hub, never called. */
  | { state: 'relay-only' }
  /** Its Party is not in force today: nothing is exchanged. */
  | { state: 'suspended'; reason: string }
  | { state: 'not-yet-contacted' }
  | { state: 'healthy'; lastContact: string }
  | { state: 'failing'; failures: number; lastError: string; lastContact: string | null };

export function peerHealth(p: Peer, partyInForce: boolean, today: string): PeerHealth {
  if (!p.url) return { state: 'relay-only' };
  if (!partyInForce)
    return { state: 'suspended', reason: `the Agreement is not in force for ${p.party} on ${today}` };
  const last =
    [p.lastPushAt, p.lastPullAt]
      .filter((x): x is string => x !== null)
      .sort()
      .at(-1) ?? null;
  if (p.failures > 0)
    return { state: 'failing', failures: p.failures, lastError: p.lastError ?? '', lastContact: last };
  return last ? { state: 'healthy', lastContact: last } : { state: 'not-yet-contacted' };
}

/** The key's short fingerprint, as `accord init` prints it: compare it by telephone. */
export function keyFingerprint(jwk: Record<string, unknown>): string {
  return createHash('sha256').update(String(jwk.x)).digest('hex').slice(0, 32);
}

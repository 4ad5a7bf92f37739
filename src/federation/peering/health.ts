import { createHash } from 'node:crypto';
import type { ExchangeTotals, Peer } from '../../store/peers-repo.js';

/** What went wrong with a peer the last time it was called: the operator reads the cause. */
export const FAILURE_STATES = {
  'connection-refused': 'it refused the connection: the node is down or nothing listens on that port',
  'dns-failed': 'its host name is not found in DNS',
  'tls-failed': 'the TLS handshake failed: check its certificate',
  timeout: 'it did not answer in time: it is hung or the network drops packets',
  unreachable: 'it cannot be reached',
  'http-error': 'it answered with an HTTP error',
  'refused-by-peer': 'it refused our signature: it has not pinned this node’s key, or another one',
  'not-in-force': 'it refuses us because the Agreement is not in force for our Party there',
  'bad-signature': 'its answer is not signed by the key pinned for it here',
  'bad-answer': 'its answer is not a valid acknowledgement: a proxy or another service may answer there',
  failing: 'the last exchange failed',
} as const;

export type FailureState = keyof typeof FAILURE_STATES;

/** How a peer is doing, as `accord peer list` and the console show it. */
export type PeerHealth =
  /** Known by key only: reached through a hub, never called. */
  | { state: 'relay-only' }
  /** Its Party is not in force today: nothing is exchanged. */
  | { state: 'suspended'; reason: string }
  | { state: 'not-yet-contacted' }
  | { state: 'healthy'; lastContact: string | null; since: string | null }
  | {
      state: 'failing';
      /** Which failure, from FAILURE_STATES. */
      cause: FailureState;
      failures: number;
      lastError: string;
      lastContact: string | null;
      since: string | null;
    };

export function peerHealth(p: Peer, partyInForce: boolean, today: string): PeerHealth {
  if (!p.url) return { state: 'relay-only' };
  if (!partyInForce)
    return { state: 'suspended', reason: `the Agreement is not in force for ${p.party} on ${today}` };
  const last =
    [p.lastPushAt, p.lastPullAt]
      .filter((x): x is string => x !== null)
      .sort()
      .at(-1) ?? null;
  if (p.failures > 0) {
    const cause = (
      p.healthState && p.healthState in FAILURE_STATES ? p.healthState : 'failing'
    ) as FailureState;
    return {
      state: 'failing',
      cause,
      failures: p.failures,
      lastError: p.lastError ?? '',
      lastContact: last,
      since: p.healthSince,
    };
  }
  if (p.healthState === 'healthy' || last)
    return { state: 'healthy', lastContact: last, since: p.healthSince };
  return { state: 'not-yet-contacted' };
}

/** A peer's health in one line of plain English, as the CLI prints it. */
export function describeHealth(h: PeerHealth): string {
  switch (h.state) {
    case 'relay-only':
      return 'reached through a hub (never called)';
    case 'suspended':
      return `suspended: ${h.reason}`;
    case 'not-yet-contacted':
      return 'not yet contacted';
    case 'healthy':
      return `healthy${h.since ? ` since ${h.since}` : ''}`;
    case 'failing':
      return `failing (${h.cause}) since ${h.since ?? '?'}: ${FAILURE_STATES[h.cause]}; ${h.failures} failed attempts; last error: ${h.lastError}`;
  }
}

/** Counts in plain words: "3 new, 2 already held, 1 refused". */
export function describeCounts(n: { new: number; unchanged: number; refused: number }): string {
  return `${n.new} new, ${n.unchanged} already held, ${n.refused} refused`;
}

export function totalsWords(t: ExchangeTotals): { sent: string; received: string } {
  return {
    sent: describeCounts({ new: t.sentNew, unchanged: t.sentUnchanged, refused: t.sentRefused }),
    received: describeCounts({
      new: t.receivedNew,
      unchanged: t.receivedUnchanged,
      refused: t.receivedRefused,
    }),
  };
}

/** The key's short fingerprint, as `accord init` prints it: compare it by telephone. */
export function keyFingerprint(jwk: Record<string, unknown>): string {
  return createHash('sha256').update(String(jwk.x)).digest('hex').slice(0, 32);
}

/** What a peer exchanged and was refused, as `accord peer list --json` and the REST API show it. */
export function exchangeJson(p: Peer) {
  return {
    last_push_at: p.lastPushAt,
    last_pull_at: p.lastPullAt,
    push_cursor: p.pushCursor,
    pull_cursor: p.pullCursor,
    sent: { new: p.totals.sentNew, unchanged: p.totals.sentUnchanged, refused: p.totals.sentRefused },
    received: {
      new: p.totals.receivedNew,
      unchanged: p.totals.receivedUnchanged,
      refused: p.totals.receivedRefused,
    },
    refused_requests: p.refusedRequests,
    last_refused_at: p.lastRefusedAt,
    last_refused_reason: p.lastRefusedReason,
  };
}

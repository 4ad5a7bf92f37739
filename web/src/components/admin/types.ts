// The shapes of the administration routes' answers (src/http/routes/users.ts, tokens.ts, peers.ts).

export type Role = 'analyst' | 'liaison' | 'admin';
export const ROLES: readonly Role[] = ['analyst', 'liaison', 'admin'];

export interface AdminUser {
  id: string;
  name: string;
  role: Role;
  party: string;
  /** A user of another Party than the node's: it acts only as its own Party. */
  foreign_party?: boolean;
  created_at: string;
  disabled: boolean;
}

export interface ApiToken {
  id: string;
  name: string;
  user: string;
  user_id: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export type HealthState = 'healthy' | 'failing' | 'not-yet-contacted' | 'suspended' | 'relay-only';

export interface PeerInfo {
  node_id: string;
  party: string;
  url: string | null;
  fingerprint: string;
  health: {
    state: HealthState;
    /** For failing: what happened (src/federation/peering/health.ts FAILURE_STATES). */
    cause?: string;
    since?: string | null;
    last_contact?: string | null;
    failures?: number;
    last_error?: string;
    reason?: string;
  };
  added_at: string;
  last_push_at: string | null;
  last_pull_at: string | null;
  sent: ExchangeCounts;
  received: ExchangeCounts;
  refused_requests: number;
  last_refused_at: string | null;
  last_refused_reason: string | null;
}

export interface ExchangeCounts {
  new: number;
  unchanged: number;
  refused: number;
}

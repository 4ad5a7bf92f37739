// The session, the node's users, tokens and peers, and the audit log, as /api/v1 returns them.
// Lists of values are written here rather than imported from the store, so the console can
// read these types without the store's modules; the routes' return types keep the two in step.

import { type Static, Type } from '@sinclair/typebox';
import { ListOf, Nullable, Opt, oneOf } from './common.js';

export const ROLE_NAMES = ['analyst', 'liaison', 'admin'] as const;
export const Role = oneOf(ROLE_NAMES);

export const SessionInfo = Type.Object({
  user: Type.Object({
    name: Type.String(),
    party: Type.String({ description: "The user's Party code" }),
    role: Role,
  }),
  node_party: Type.String({
    description: "The node's Party: a user of another Party is kept here for single-node or training use",
  }),
  csrf_token: Type.String({
    description:
      'Send it as X-CSRF-Token with every POST, PUT, PATCH and DELETE made with the session cookie',
  }),
});

export const AdminUser = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    role: Role,
    party: Type.String({ description: "The user's Party: the node's own, or another (foreign_party)" }),
    foreign_party: Type.Boolean({
      description:
        'A user of another Party kept on this node (single-node and training use): it acts only as its own Party',
    }),
    created_at: Type.String(),
    disabled: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const TokenFields = {
  id: Type.String(),
  name: Type.String({ description: 'What the token is for, e.g. "firewall feed"' }),
  user: Type.String({ description: 'The name of the user the token acts as' }),
  user_id: Type.String(),
  scope: oneOf(['all', 'feeds'] as const),
  created_at: Type.String(),
  last_used_at: Nullable(Type.String()),
  revoked_at: Nullable(Type.String()),
};
export const ApiToken = Type.Object(TokenFields, {
  additionalProperties: false,
  description:
    '"feeds" scope: reads /feeds/… and nothing else (a firewall\'s token); "all": what its user may do',
});

export const HEALTH_STATES = ['healthy', 'failing', 'not-yet-contacted', 'suspended', 'relay-only'] as const;

export const PeerHealth = Type.Object(
  {
    state: oneOf(HEALTH_STATES),
    cause: Opt(
      Type.String({ description: 'For failing: what happened (docs/federation.md lists the causes)' }),
    ),
    since: Opt(Nullable(Type.String())),
    last_contact: Opt(Nullable(Type.String())),
    failures: Opt(Type.Integer()),
    last_error: Opt(Type.String()),
    reason: Opt(Type.String({ description: 'For suspended: why' })),
  },
  { additionalProperties: false },
);

const Counts = Type.Object(
  {
    new: Type.Integer({ description: 'Items the receiving side stored: it did not hold them' }),
    unchanged: Type.Integer({ description: 'Items the receiving side already held' }),
    refused: Type.Integer({ description: 'Items the receiving side refused (see the audit log)' }),
  },
  { additionalProperties: false },
);

export const PeerInfo = Type.Object(
  {
    node_id: Type.String(),
    party: Type.String(),
    url: Nullable(Type.String({ description: 'null: reached through a hub' })),
    fingerprint: Type.String({ description: "The first 128 bits of the SHA-256 of the peer's key" }),
    health: PeerHealth,
    added_at: Type.String(),
    last_push_at: Nullable(Type.String()),
    last_pull_at: Nullable(Type.String()),
    push_cursor: Type.Number({ description: 'How far the peer has acknowledged what this node pushed' }),
    pull_cursor: Type.Number({ description: "How far this node has read the peer's outbox" }),
    sent: Counts,
    received: Counts,
    refused_requests: Type.Integer({
      description: 'Requests claiming to come from this node that were refused',
    }),
    last_refused_at: Nullable(Type.String()),
    last_refused_reason: Nullable(Type.String()),
  },
  { additionalProperties: false },
);

export const AuditEntry = Type.Object(
  {
    seq: Opt(
      Type.Integer({ description: "Absent in another Party's copy: it sees no position in the chain" }),
    ),
    at: Type.String(),
    actor: Type.Object(
      {
        kind: oneOf(['user', 'node', 'token', 'system'] as const),
        id: Type.String(),
        party: Opt(Type.String()),
      },
      { additionalProperties: false },
    ),
    action: Type.String({ description: 'A dotted code: disclosure, consent.granted, login, token.used…' }),
    subject: Opt(
      Type.Object(
        {
          type: Type.String({ description: 'A STIX type, or user, token, peer, consent…' }),
          id: Type.String(),
          version: Opt(Type.String()),
          party: Opt(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    details: Opt(Type.Unknown({ description: 'Any JSON value; what was done differs by action' })),
    prevHash: Opt(Type.String()),
    hash: Opt(Type.String()),
    redacted: Opt(
      Type.Array(Type.String(), {
        description:
          "Members left out of another Party's copy of the entry: the chain links and sequence number always",
      }),
    ),
  },
  { additionalProperties: false },
);

export const AuditPage = Type.Object({
  items: Type.Array(AuditEntry),
  next: Type.Union([Type.Integer(), Type.String(), Type.Null()]),
});

export const ChainVerdict = Type.Object(
  {
    ok: Type.Boolean(),
    count: Opt(Type.Integer({ description: 'When ok: the entries checked' })),
    head: Opt(Nullable(Type.Object({ seq: Type.Integer(), hash: Type.String() }))),
    seq: Opt(Type.Integer({ description: 'When not ok: the first entry at fault' })),
    position: Opt(Type.Integer()),
    problem: Opt(oneOf(['changed', 'deleted', 'inserted', 'reordered'] as const)),
    message: Opt(Type.String()),
  },
  { additionalProperties: false, description: 'The chain’s verdict (src/audit/verify.ts)' },
);

export const UserList = ListOf(AdminUser);
export const TokenList = ListOf(ApiToken);
export const PeerList = ListOf(PeerInfo);

export type SessionInfo = Static<typeof SessionInfo>;
export type UserList = Static<typeof UserList>;
export type TokenList = Static<typeof TokenList>;
export type PeerList = Static<typeof PeerList>;
export type AuditPage = Static<typeof AuditPage>;
export type AdminUser = Static<typeof AdminUser>;
export type ApiToken = Static<typeof ApiToken>;
export type PeerInfo = Static<typeof PeerInfo>;
export type AuditEntry = Static<typeof AuditEntry>;
export type ChainVerdict = Static<typeof ChainVerdict>;

export const Visit = Type.Object(
  {
    since: Nullable(
      Type.String({
        description: 'When the previous visit ended: count what arrived after it; null on the first',
      }),
    ),
    visit_started_at: Type.String({ description: 'When the current visit began' }),
    seen_at: Type.String({ description: 'The last time the user looked' }),
  },
  { additionalProperties: false, description: 'The user’s visits to the Overview' },
);
export type Visit = Static<typeof Visit>;

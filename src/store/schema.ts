import type { ColumnType, Generated } from 'kysely';

/**
 * The tables of a node. Every large table carries `party` in its primary key, so that a
 * PostgreSQL deployment can be distributed by Citus on that column.
 */
export interface Database {
  audit_log: AuditLogTable;
  consents: ConsentsTable;
  objects: ObjectsTable;
  users: UsersTable;
  tokens: TokensTable;
  settings: SettingsTable;
  agreement_events: AgreementEventsTable;
  depositary_notices: DepositaryNoticesTable;
  taxii_status: TaxiiStatusTable;
  tombstones: TombstonesTable;
  peers: PeersTable;
  peer_delivered: PeerDeliveredTable;
  peer_parked: PeerParkedTable;
  sessions: SessionsTable;
  feeds: FeedsTable;
  feed_sids: FeedSidsTable;
  leases: LeasesTable;
  login_failures: LoginFailuresTable;
  alert_subscriptions: AlertSubscriptionsTable;
  alert_deliveries: AlertDeliveriesTable;
  user_visits: UserVisitsTable;
}

/** Failed sign-ins, shared by every process on the store (migration 024, login-failures-repo.ts). */
export interface LoginFailuresTable {
  /** 'user': counted against this name from this address; 'address': against the address. */
  scope: 'user' | 'address';
  /** The user name tried; '' for the address scope. */
  name: string;
  address: string;
  /** Milliseconds since the epoch. */
  at: number;
}

/** Work that one process at a time does (migration 020, leases-repo.ts). */
export interface LeasesTable {
  name: string;
  owner: string;
  /** Milliseconds since the epoch, by the database's clock. */
  expires_at: number;
}

/** One STIX object version with its provenance. */
export interface ObjectsTable {
  /** The originating Party's code. */
  party: string;
  id: string;
  /** `modified` (or `created`, for objects without it) as a fixed-width microsecond key. */
  modified: string;
  type: string;
  /** TAXII's date_added: microseconds since the epoch, unique and increasing on this node. */
  date_added: ColumnType<number, number, never>;
  source_node: string;
  /** SHA-256 of the RFC 8785 canonical form: the same version again is recognised by it. */
  content_hash: string;
  revoked: number;
  /** 1 for the newest version of the object held here. */
  latest: number;
  /** The exercise the object belongs to, or null for real-world data (Article 1). */
  exercise: string | null;
  /** Detached JWS of the originating node over the canonical form, when signed. */
  signature: string | null;
  json: string;
  /** How far the originator released this version, summarised at ingest (release-column.ts). */
  release: ColumnType<string, string | undefined, string>;
  /** The classification rank a reader must be accredited for (0: unclassified). */
  release_rank: ColumnType<number, number | undefined, number>;
}

export type Role = 'analyst' | 'liaison' | 'admin';

export interface UsersTable {
  party: string;
  id: string;
  name: string;
  role: Role;
  password_hash: string | null;
  created_at: string;
  disabled: Generated<number>;
  /** The user's e-mail address (migration 025), and when they confirmed owning it. */
  email: string | null;
  email_confirmed_at: string | null;
  email_code_hash: string | null;
  email_code_expires_at: string | null;
}

export interface TokensTable {
  party: string;
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 of the token: the token itself is shown once and never stored. */
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** 'all' or 'feeds' (migration 022). */
  scope: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** A treaty event recorded on this node (the definition's shipped events are not stored). */
export interface AgreementEventsTable {
  /** The agreement definition's id. */
  agreement: string;
  id: string;
  kind: string;
  /** YYYY-MM-DD: the day of the act, not of its recording. */
  date: string;
  /** The Party of a one-Party event; null for events about several (entry into force, consultations). */
  party: string | null;
  /** The whole event as parseAgreementEvent accepts it. */
  json: string;
  recorded_at: string;
  recorded_by: string;
  /** 'depositary' (recorded on, or received signed from, the depositary's node) or 'local'. */
  origin: string;
}

/** The depositary's notice of a recorded event, kept for the exchange layer to send to every Party. */
export interface DepositaryNoticesTable {
  agreement: string;
  id: string;
  event_id: string;
  created_at: string;
  json: string;
}

/** The hash-chained audit log; JSON columns hold the entry's parts as the chain hashed them. */
export interface AuditLogTable {
  seq: ColumnType<number, number, never>;
  party: string;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

/** Consent requests and decisions; `party` is the grantor, the originating Party. */
export interface ConsentsTable {
  party: string;
  id: string;
  requester: string;
  status: string;
  updated_at: string;
  json: string;
}

/** A TAXII status resource: the outcome of one POST to a collection, kept for clients to poll. */
export interface TaxiiStatusTable {
  /** The Party of the user who posted; only it may read the status. */
  party: string;
  id: string;
  /** Microseconds since the epoch; rows older than the retention period are purged. */
  created_at: ColumnType<number, number, never>;
  /** The whole status resource as served. */
  json: string;
}

/**
 * An object version its originator deleted (TAXII DELETE). The row leaves `objects`; this
 * record stays so that federation can pass the deletion on to peers that hold a copy.
 */
export interface TombstonesTable {
  party: string;
  id: string;
  /** The deleted version's key, as in `objects.modified`. */
  modified: string;
  type: string;
  /** From the store's date_added clock, so peers can page deletions like additions. */
  deleted_at: number;
  /** The user who deleted it. */
  deleted_by: string;
  source_node: string;
  /** The originating node's detached JWS over the deletion (federation), once made or received. */
  signature: ColumnType<string | null, string | null | undefined, string | null>;
  /** The deleted version's markings (canonical JSON), so the policy decides who may learn of it. */
  markings: ColumnType<string | null, string | null | undefined, string | null>;
}

/**
 * A federation member this node knows: a peer it talks to (url set) or a node reached
 * through a hub whose key it pins (url null). Cursors are date_added stamps: how far this
 * node's log was pushed to the peer, and how far the peer's log was pulled from it.
 */
export interface PeersTable {
  party: string;
  node_id: string;
  url: string | null;
  /** The pinned Ed25519 public key, as JWK JSON. */
  public_key: string;
  added_at: string;
  push_cursor: ColumnType<number, number | undefined, number>;
  pull_cursor: ColumnType<number, number | undefined, number>;
  last_push_at: string | null;
  last_pull_at: string | null;
  failures: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  /** Federation requests claiming this node that were refused (wrong key, not in force…). */
  refused_requests: ColumnType<number, number | undefined, number>;
  last_refused_at: ColumnType<string | null, string | null | undefined, string | null>;
  last_refused_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** What the last probe or exchange found (health.ts names the states), and since when. */
  health_state: ColumnType<string | null, string | null | undefined, string | null>;
  health_detail: ColumnType<string | null, string | null | undefined, string | null>;
  health_since: ColumnType<string | null, string | null | undefined, string | null>;
  checked_at: ColumnType<string | null, string | null | undefined, string | null>;
  sent_new: ColumnType<number, number | undefined, number>;
  sent_unchanged: ColumnType<number, number | undefined, number>;
  sent_refused: ColumnType<number, number | undefined, number>;
  received_new: ColumnType<number, number | undefined, number>;
  received_unchanged: ColumnType<number, number | undefined, number>;
  received_refused: ColumnType<number, number | undefined, number>;
}

/**
 * A version or deletion a peer has been offered (delivered_at null: served to its pull, not yet
 * confirmed) or has acknowledged: the disclosure is audited once, when it is delivered.
 */
export interface PeerDeliveredTable {
  party: string;
  peer_node: string;
  kind: string;
  id: string;
  modified: string;
  /** The entry's stamp in this node's log: a pull that reads past it confirms it. */
  stamp: number;
  content_hash: string;
  delivered_at: string | null;
}

/**
 * An item refused for a reason that can go away: received from `peer_node` (direction 'in')
 * or withheld from it (direction 'out'), kept as it travels (`item`, wire JSON) to be offered
 * again when the key is pinned, the accreditation raised or the Agreement enters into force.
 */
export interface PeerParkedTable {
  party: string;
  peer_node: string;
  direction: string;
  kind: string;
  id: string;
  modified: string;
  origin_node: string;
  reason: string;
  item: string;
  parked_at: string;
}

/** A console sign-in session; the id itself lives only in the user's HttpOnly cookie. */
export interface SessionsTable {
  party: string;
  /** SHA-256 of the session id. */
  id_hash: string;
  user_id: string;
  created_at: string;
  /** Slides forward with use (idle timeout), never past created_at plus the maximum age. */
  expires_at: string;
  last_seen_at: string;
}

/** A Party's saved feed: a named filter (src/intel/feeds/definition.ts) as JSON. */
export interface FeedsTable {
  party: string;
  name: string;
  json: string;
  updated_at: string;
}

/** The rule id given to one rule of a feed value, kept so it never changes. */
export interface FeedSidsTable {
  rule_key: string;
  sid: number;
}

/** Who hears of which events, and where: a user of a Party, or every user of a role of it. */
export interface AlertSubscriptionsTable {
  id: string;
  party: string;
  user_name: string | null;
  role: string | null;
  /** JSON array of event names. */
  events: string;
  channel: string;
  /** The webhook URL or the e-mail address. */
  target: string;
  /** The webhook's HMAC key (base64url); null for e-mail. */
  secret: string | null;
  created_by: string;
  created_at: string;
}

/** One alert to one subscription, with its attempts. */
export interface AlertDeliveriesTable {
  id: string;
  party: string;
  subscription_id: string;
  event: string;
  object_id: string;
  /** What makes this alert once: the object id, with `#soon`/`#passed` for deadlines. */
  dedupe_key: string;
  /** The JSON payload, built from what the gate let the subscriber see. */
  body: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** A user's visits to the console's Overview (migration 026, visits-repo.ts). */
export interface UserVisitsTable {
  party: string;
  user_id: string;
  /** The last time the user looked. */
  seen_at: string;
  /** When the current visit began. */
  visit_started_at: string;
  /** Where the previous visit ended: the Overview counts what arrived after it; null on the first. */
  previous_seen_at: string | null;
}

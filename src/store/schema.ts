import type { ColumnType, Generated } from 'kysely';

/**
 * The tables of a node. Every large table carries `party` and has it first in its primary
 * key, so that a PostgreSQL deployment can be distributed by Citus on that column.
 */
export interface Database {
  objects: ObjectsTable;
  users: UsersTable;
  tokens: TokensTable;
  settings: SettingsTable;
  agreement_events: AgreementEventsTable;
  depositary_notices: DepositaryNoticesTable;
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
}

/** The depositary's notice of a recorded event, kept for the exchange layer to send to every Party. */
export interface DepositaryNoticesTable {
  agreement: string;
  id: string;
  event_id: string;
  created_at: string;
  json: string;
}

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

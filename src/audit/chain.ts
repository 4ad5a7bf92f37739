// The audit log as a hash chain: each entry's hash covers its own content and the previous
// entry's hash, so changing, removing, adding or moving an entry breaks the chain where it
// happened. Pure: the store keeps the entries, this module only computes and checks them.

import { createHash } from 'node:crypto';
import { canonicalJson } from '../stix/canonical.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditActor {
  kind: 'user' | 'node' | 'token' | 'system';
  id: string;
  party?: string;
}

export interface AuditSubject {
  /** A STIX type, or `user`, `token`, `peer`, `consent`… */
  type: string;
  id: string;
  /** The object version (`modified`) when the subject is a STIX object. */
  version?: string;
  /** The Party of the user or token concerned: its administrators see the entry. */
  party?: string;
}

/** What the caller records; the chain adds seq and hashes. */
export interface AuditBody {
  /** ISO 8601 timestamp. */
  at: string;
  actor: AuditActor;
  /** A dotted code: `disclosure`, `consent.granted`, `login`, `token.used`, `admin.peer.added`… */
  action: string;
  subject?: AuditSubject;
  /** Any JSON value. */
  details?: unknown;
}

export interface AuditEntry extends AuditBody {
  seq: number;
  prevHash: string;
  hash: string;
}

/** SHA-256 (hex) over the RFC 8785 canonical JSON of the entry without its own hash. */
export function hashEntry(prevHash: string, body: AuditBody & { seq: number }): string {
  const covered: Record<string, unknown> = {
    seq: body.seq,
    at: body.at,
    actor: body.actor,
    action: body.action,
    prevHash,
  };
  if (body.subject !== undefined) covered.subject = body.subject;
  if (body.details !== undefined) covered.details = body.details;
  return createHash('sha256').update(canonicalJson(covered), 'utf8').digest('hex');
}

/** The entry that follows `prev` (null: the first entry of the log). */
export function appendEntry(prev: AuditEntry | null, body: AuditBody): AuditEntry {
  const seq = prev ? prev.seq + 1 : 1;
  const prevHash = prev ? prev.hash : GENESIS_HASH;
  const entry: AuditEntry = { seq, at: body.at, actor: body.actor, action: body.action, prevHash, hash: '' };
  if (body.subject !== undefined) entry.subject = body.subject;
  if (body.details !== undefined) entry.details = body.details;
  entry.hash = hashEntry(prevHash, entry);
  return entry;
}

// What peers exchange under /federation/v1. Each item carries what a receiver needs to check it
// without trusting whoever handed it over: the object as its originator signed it, the
// originating Party, the originating node and that node's detached JWS. The envelope around
// the items is authenticated separately (request-auth.ts); a relay can drop items, not alter them.

import { canonicalJson } from '../../stix/canonical.js';

export const FEDERATION_PREFIX = '/federation/v1';

/** A version of a STIX object, as stored by its originating node. */
export interface WireVersion {
  kind: 'version';
  object: Record<string, unknown>;
  originator: string;
  origin_node: string;
  signature: string;
}

/** A version its originator deleted; `modified` is the store's version key. */
export interface WireDeletion {
  kind: 'deletion';
  id: string;
  modified: string;
  originator: string;
  origin_node: string;
  signature: string;
}

export type WireItem = WireVersion | WireDeletion;

/** POST /federation/v1/inbox */
export interface InboxBody {
  from_node: string;
  items: WireItem[];
}

/** GET /federation/v1/outbox?after=CURSOR&limit=N */
export interface OutboxPage {
  items: WireItem[];
  /** Pass as `after` to read on; covers items withheld from you too. */
  next: string;
  more: boolean;
}

export type ItemStatus = 'stored' | 'unchanged' | 'deleted' | 'refused';

export interface ItemResult {
  index: number;
  status: ItemStatus;
  /** For a refused item: the reason's code (unknown-node, bad-signature…) and what it means. */
  code?: string;
  reason?: string;
  /** Refused for now, but kept: offered again to this node's import when the reason goes away. */
  parked?: boolean;
}

/** POST /federation/v1/inbox's answer: counts for people, and the signed acknowledgement. */
export interface InboxAnswer {
  stored: number;
  unchanged: number;
  refused: number;
  results: ItemResult[];
  /** Compact JWS by the receiving node's key naming what became of each item (ack.ts). */
  acknowledgement?: string;
}

/** The text a deletion's signature covers: which version of whose object is gone. */
export function deletionText(d: { id: string; modified: string; originator: string }): string {
  return canonicalJson({ deleted: { id: d.id, modified: d.modified, party: d.originator } });
}

const PARTY = /^[A-Z]{2}$/;
const NODE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function str(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0;
}

/** The items of a body, or a message saying what is wrong with the first bad one. */
export function parseItems(raw: unknown): { ok: true; items: WireItem[] } | { ok: false; message: string } {
  if (!Array.isArray(raw)) return { ok: false, message: '$.items must be an array' };
  const items: WireItem[] = [];
  for (const [i, it] of raw.entries()) {
    const r = (typeof it === 'object' && it !== null ? it : {}) as Record<string, unknown>;
    const where = `$.items[${i}]`;
    if (!str(r.originator) || !PARTY.test(r.originator))
      return { ok: false, message: `${where}.originator must be a two-letter Party code` };
    if (!str(r.origin_node) || !NODE_ID.test(r.origin_node))
      return { ok: false, message: `${where}.origin_node must be a node id` };
    if (!str(r.signature)) return { ok: false, message: `${where}.signature must be a detached JWS` };
    if (r.kind === 'version') {
      if (typeof r.object !== 'object' || r.object === null || Array.isArray(r.object))
        return { ok: false, message: `${where}.object must be a STIX object` };
      items.push({
        kind: 'version',
        object: r.object as Record<string, unknown>,
        originator: r.originator,
        origin_node: r.origin_node,
        signature: r.signature,
      });
    } else if (r.kind === 'deletion') {
      if (!str(r.id) || !str(r.modified) || r.modified.length > 64)
        return { ok: false, message: `${where} must name the deleted version's id and modified` };
      items.push({
        kind: 'deletion',
        id: r.id,
        modified: r.modified,
        originator: r.originator,
        origin_node: r.origin_node,
        signature: r.signature,
      });
    } else {
      return { ok: false, message: `${where}.kind must be 'version' or 'deletion'` };
    }
  }
  return { ok: true, items };
}

export function isNodeId(x: unknown): x is string {
  return str(x) && NODE_ID.test(x);
}

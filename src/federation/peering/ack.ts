// The inbox's answer to a push is a signed acknowledgement: a compact JWS by the receiving
// node's key naming, item by item, what it stored, already held, deleted or refused and why,
// bound to the exact body it answers. The sender checks it against the key it pinned for that
// peer; an answer that is not one (a proxy's 200, another node's signature, a stale ack) is a
// failed push, so nothing counts as delivered that the peer did not say it holds.

import { createHash, type KeyObject } from 'node:crypto';
import { CompactSign, compactVerify } from 'jose';
import type { ItemStatus, WireItem } from './wire.js';

export const ACK_TYPE = 'accord-ack';

/** One item as the acknowledgement names it: which version, and what became of it. */
export interface AckItem {
  kind: WireItem['kind'];
  id: string;
  modified: string;
  status: ItemStatus;
  reason?: string;
}

interface AckClaims {
  iss: string;
  aud: string;
  iat: number;
  /** SHA-256 of the request body acknowledged: an acknowledgement fits one push only. */
  digest: string;
  items: AckItem[];
}

export function bodyDigest(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('base64url');
}

/** The version an item carries, as both ends name it. */
export function itemKey(it: WireItem): Pick<AckItem, 'kind' | 'id' | 'modified'> {
  if (it.kind === 'deletion') return { kind: 'deletion', id: it.id, modified: it.modified };
  const o = it.object;
  return { kind: 'version', id: String(o.id), modified: String(o.modified ?? o.created ?? '') };
}

export async function signAck(
  key: KeyObject,
  r: { from: string; to: string; body: string; items: AckItem[] },
): Promise<string> {
  const claims: AckClaims = {
    iss: r.from,
    aud: r.to,
    iat: Math.floor(Date.now() / 1000),
    digest: bodyDigest(r.body),
    items: r.items,
  };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'EdDSA', kid: r.from, typ: ACK_TYPE })
    .sign(key);
}

const STATUSES = new Set<ItemStatus>(['stored', 'unchanged', 'deleted', 'refused']);

export type AckCheck =
  | { ok: true; items: AckItem[] }
  | { ok: false; why: 'bad-answer' | 'signature-refused'; message: string };

/**
 * The statuses of the items sent, in order, as far as a valid acknowledgement names them:
 * its items must be the sent ones, in the order sent; it may name a prefix only (the rest
 * is sent again), never something else.
 */
export async function checkAck(
  answer: unknown,
  key: KeyObject,
  expect: { from: string; to: string; body: string; sent: readonly WireItem[] },
): Promise<AckCheck> {
  const jws = (answer as { acknowledgement?: unknown } | null)?.acknowledgement;
  if (typeof jws !== 'string')
    return { ok: false, why: 'bad-answer', message: 'the answer carries no signed acknowledgement' };
  let claims: AckClaims;
  try {
    const { payload, protectedHeader } = await compactVerify(jws, key);
    if (protectedHeader.alg !== 'EdDSA' || protectedHeader.typ !== ACK_TYPE) throw new Error('header');
    claims = JSON.parse(new TextDecoder().decode(payload)) as AckClaims;
  } catch {
    return {
      ok: false,
      why: 'signature-refused',
      message: `the acknowledgement is not signed by ${expect.from}'s pinned key`,
    };
  }
  if (claims.iss !== expect.from || claims.aud !== expect.to)
    return {
      ok: false,
      why: 'bad-answer',
      message: `the acknowledgement is from ${claims.iss} to ${claims.aud}`,
    };
  if (claims.digest !== bodyDigest(expect.body))
    return { ok: false, why: 'bad-answer', message: 'the acknowledgement answers another push' };
  if (!Array.isArray(claims.items))
    return { ok: false, why: 'bad-answer', message: 'the acknowledgement names no items' };
  const named: AckItem[] = [];
  for (const [i, sent] of expect.sent.entries()) {
    const a = claims.items[i] as AckItem | undefined;
    if (!a) break;
    const k = itemKey(sent);
    if (a.kind !== k.kind || a.id !== k.id || a.modified !== k.modified || !STATUSES.has(a.status))
      return {
        ok: false,
        why: 'bad-answer',
        message: `the acknowledgement's item ${i} is not the item sent`,
      };
    named.push(a);
  }
  return { ok: true, items: named };
}

// Peers authenticate each request with their node key: a compact JWS in a header, over who
// sends, to whom, when, which method and path, and the SHA-256 of the exact body bytes. The
// receiver checks it against the key it pinned with `accord peer add`. A request is good for
// a few minutes; a replay inside that window changes nothing, because ingest is idempotent.

import { createHash, type KeyObject } from 'node:crypto';
import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import { AccordError } from '../../errors.js';

export const SIGNATURE_HEADER = 'accord-node-signature';
/** Seconds a signed request stays acceptable either side of the receiver's clock. */
export const REQUEST_WINDOW_S = 300;

interface Claims {
  iss: string;
  aud: string;
  iat: number;
  htm: string;
  htu: string;
  digest: string;
}

function digestOf(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('base64url');
}

export async function signRequest(
  key: KeyObject,
  r: { from: string; to: string; method: string; path: string; body: string; now?: number },
): Promise<string> {
  const claims: Claims = {
    iss: r.from,
    aud: r.to,
    iat: Math.floor((r.now ?? Date.now()) / 1000),
    htm: r.method.toUpperCase(),
    htu: r.path,
    digest: digestOf(r.body),
  };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'EdDSA', kid: r.from, typ: 'accord-request' })
    .sign(key);
}

/** The node id a signed request claims to come from, before anything is verified. */
export function claimedSender(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    const kid = decodeProtectedHeader(header).kid;
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}

const unauthenticated = (why: string) =>
  new AccordError('ACCORD_UNAUTHENTICATED', `peer request refused: ${why}`);

/** Checks a signed request against the sender's pinned key; throws ACCORD_UNAUTHENTICATED. */
export async function verifyRequest(
  header: string,
  key: KeyObject,
  expect: { from: string; to: string; method: string; path: string; body: string; now?: number },
): Promise<void> {
  let claims: Claims;
  try {
    const { payload, protectedHeader } = await compactVerify(header, key);
    if (protectedHeader.alg !== 'EdDSA') throw new Error('alg');
    claims = JSON.parse(new TextDecoder().decode(payload)) as Claims;
  } catch {
    throw unauthenticated(`the signature is not ${expect.from}'s pinned key's`);
  }
  const now = Math.floor((expect.now ?? Date.now()) / 1000);
  if (claims.iss !== expect.from || claims.aud !== expect.to)
    throw unauthenticated(`it was signed for ${claims.aud}, from ${claims.iss}`);
  if (typeof claims.iat !== 'number' || Math.abs(now - claims.iat) > REQUEST_WINDOW_S)
    throw unauthenticated(`its time is more than ${REQUEST_WINDOW_S} s from ours: check the clocks`);
  if (claims.htm !== expect.method.toUpperCase() || claims.htu !== expect.path)
    throw unauthenticated(`it was signed for ${claims.htm} ${claims.htu}`);
  if (claims.digest !== digestOf(expect.body)) throw unauthenticated('the body is not the one signed');
}

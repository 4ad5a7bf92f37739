// The light probe: GET /federation/v1/probe, signed like any peer request, answered with a
// short JWS by the answering node's key. It proves the peer is up, is the node pinned here
// (a proxy answering 200 is not), and still accepts this node — without moving any data.

import type { KeyObject } from 'node:crypto';
import { CompactSign, compactVerify } from 'jose';
import type { FailureState } from './health.js';
import { REQUEST_WINDOW_S } from './request-auth.js';

const PROBE_TYPE = 'accord-probe';

export async function signProbe(key: KeyObject, r: { from: string; to: string }): Promise<string> {
  const claims = { iss: r.from, aud: r.to, iat: Math.floor(Date.now() / 1000) };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'EdDSA', kid: r.from, typ: PROBE_TYPE })
    .sign(key);
}

/** Null when the answer is the pinned peer's fresh probe answer; otherwise what is wrong. */
export async function checkProbe(
  answer: unknown,
  key: KeyObject,
  expect: { from: string; to: string },
): Promise<{ state: FailureState; message: string } | null> {
  const jws = (answer as { probe?: unknown } | null)?.probe;
  if (typeof jws !== 'string') return { state: 'bad-answer', message: 'it carries no signed probe answer' };
  let claims: { iss?: unknown; aud?: unknown; iat?: unknown };
  try {
    const { payload, protectedHeader } = await compactVerify(jws, key);
    if (protectedHeader.typ !== PROBE_TYPE) throw new Error('typ');
    claims = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    return { state: 'bad-signature', message: `it is not signed by ${expect.from}'s pinned key` };
  }
  if (claims.iss !== expect.from || claims.aud !== expect.to)
    return { state: 'bad-answer', message: `it is from ${String(claims.iss)} to ${String(claims.aud)}` };
  if (typeof claims.iat !== 'number' || Math.abs(Date.now() / 1000 - claims.iat) > REQUEST_WINDOW_S)
    return { state: 'bad-answer', message: 'its time is too far from ours: check the clocks' };
  return null;
}

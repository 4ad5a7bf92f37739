import type { KeyObject } from 'node:crypto';
import { CompactSign, compactVerify, importJWK } from 'jose';

/**
 * A detached JWS (RFC 7515 appendix F) over an object version's RFC 8785 canonical text,
 * signed with the node's Ed25519 key. Detached, because the object travels as itself; the
 * signature travels beside it and anyone holding the node's public key can check it, also
 * after a relay.
 */
export async function signCanonical(privateKey: KeyObject, kid: string, canonical: string): Promise<string> {
  const jws = await new CompactSign(new TextEncoder().encode(canonical))
    .setProtectedHeader({ alg: 'EdDSA', kid, b64: true })
    .sign(privateKey);
  const [header, , signature] = jws.split('.');
  return `${header}..${signature}`;
}

/** True when `detached` is a valid signature of `canonical` by the key. */
export async function verifyCanonical(
  publicKey: KeyObject | Record<string, unknown>,
  canonical: string,
  detached: string,
): Promise<boolean> {
  const [header, empty, signature] = detached.split('.');
  if (!header || empty !== '' || !signature) return false;
  const payload = Buffer.from(canonical, 'utf8').toString('base64url');
  try {
    const key =
      'kty' in publicKey ? await importJWK(publicKey as Parameters<typeof importJWK>[0], 'EdDSA') : publicKey;
    await compactVerify(`${header}.${payload}.${signature}`, key as KeyObject);
    return true;
  } catch {
    return false;
  }
}

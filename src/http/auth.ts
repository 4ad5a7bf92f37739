import type { FastifyRequest } from 'fastify';
import { AccordError } from '../errors.js';
import type { AccordNode } from '../node/node.js';
import { authenticateToken, touchToken } from '../store/index.js';
import type { Principal } from './principal.js';

/** The token in `Authorization: Bearer T` or in the password of `Authorization: Basic`. */
export function tokenFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.split(' ', 2);
  if (!value) return undefined;
  if (scheme?.toLowerCase() === 'bearer') return value.trim();
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  return undefined;
}

export async function authenticate(node: AccordNode, request: FastifyRequest): Promise<Principal> {
  const token = tokenFromHeader(request.headers.authorization);
  if (!token) {
    throw new AccordError(
      'ACCORD_UNAUTHENTICATED',
      'send a token: Authorization: Bearer TOKEN (or HTTP Basic with the token as the password)',
    );
  }
  const found = await authenticateToken(node.store.db, token);
  if (!found)
    throw new AccordError('ACCORD_UNAUTHENTICATED', 'the token is unknown, revoked or its user disabled');
  // Recording use is bookkeeping; a failure here must not refuse a valid request.
  touchToken(node.store.db, found.tokenId).catch((e) => request.log.warn({ err: e }, 'token touch failed'));
  return { kind: 'user', user: found.user, tokenId: found.tokenId };
}

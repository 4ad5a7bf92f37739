import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AccordError } from '../errors.js';
import { cacheSlot } from '../node/caches.js';
import type { AccordNode } from '../node/node.js';
import { csrfTokenOf, findSession, touchToken } from '../store/index.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import type { Principal } from './principal.js';
import { tokenHolder } from './token-verdicts.js';

/** Methods that change something: a cookie-authenticated one must prove it comes from the console. */
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

// "Last used" is kept to the minute: a firewall checking addresses many times a second
// must not cost a committed write (an fsync) on every request.
const TOUCH_EVERY_MS = 60_000;
const TOUCHED = cacheSlot('tokens last touched', () => new Map<string, number>());

function dueForTouch(node: AccordNode, tokenId: string): boolean {
  const seen = node.caches.get(TOUCHED);
  const now = Date.now();
  const last = seen.get(tokenId);
  if (last !== undefined && now - last < TOUCH_EVERY_MS) return false;
  seen.set(tokenId, now);
  return true;
}

/**
 * The token in `Authorization: Bearer T`, `Authorization: Token T` (what taxii2-client's
 * TokenAuth sends) or in the password of `Authorization: Basic`.
 */
export function tokenFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.split(' ', 2);
  if (!value) return undefined;
  const kind = scheme?.toLowerCase();
  if (kind === 'bearer' || kind === 'token') return value.trim();
  if (kind === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  return undefined;
}

/**
 * The principal of a request: a token (machines) or the console's session cookie (people).
 * A token wins when both are sent. Cookies are sent by the browser on its own, so a
 * cookie-authenticated request that changes something must also carry the session's CSRF
 * token, which only the console's own pages can read (from GET /api/v1/session).
 */
export async function authenticate(
  node: AccordNode,
  request: FastifyRequest,
  /** 'feeds': the caller serves /feeds/…, which a feeds-only token may read. */
  area: 'api' | 'feeds' = 'api',
): Promise<Principal> {
  const token = tokenFromHeader(request.headers.authorization);
  if (token) {
    const found = await tokenHolder(node, token);
    if (!found)
      throw new AccordError('ACCORD_UNAUTHENTICATED', 'the token is unknown, revoked or its user disabled');
    // Refused everywhere but /feeds/, so a path added later refuses it too unless it says otherwise.
    if (found.scope === 'feeds' && area !== 'feeds')
      throw new AccordError(
        'ACCORD_TOKEN_SCOPE',
        `this token may read /feeds/… only (scope "feeds"); ${request.method} ${request.url.split('?')[0]!.slice(0, 100)} needs a token of scope "all"`,
      );
    // Recording use is bookkeeping; a failure here must not refuse a valid request.
    if (dueForTouch(node, found.tokenId))
      touchToken(node.store.db, found.tokenId).catch((e) =>
        request.log.warn({ err: e }, 'token touch failed'),
      );
    return { kind: 'user', via: 'token', user: found.user, tokenId: found.tokenId };
  }
  const sessionId = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (sessionId) {
    const found = await findSession(node.store.db, sessionId);
    if (!found) throw new AccordError('ACCORD_UNAUTHENTICATED', 'your session has ended: sign in again');
    const csrfToken = csrfTokenOf(sessionId);
    if (UNSAFE.has(request.method) && !sameSecret(request.headers['x-csrf-token'], csrfToken)) {
      throw new AccordError(
        'ACCORD_FORBIDDEN',
        'a signed-in request that changes something must send the X-CSRF-Token header that GET /api/v1/session gives',
      );
    }
    return { kind: 'user', via: 'session', user: found.user, sessionId, csrfToken };
  }
  throw new AccordError(
    'ACCORD_UNAUTHENTICATED',
    'send a token: Authorization: Bearer TOKEN (or Token TOKEN, or HTTP Basic with the token as the password), or sign in to the console',
  );
}

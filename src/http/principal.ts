import type { FastifyRequest } from 'fastify';
import { AccordError } from '../errors.js';
import type { User } from '../store/index.js';

/**
 * Who is asking. Every request under /api/v1 and /taxii2 has one, or is answered 401.
 * Machines come with a token; people signed in to the console come with a session cookie.
 */
export type Principal =
  | { kind: 'user'; via: 'token'; user: User; tokenId: string }
  | { kind: 'user'; via: 'session'; user: User; sessionId: string; csrfToken: string };

/** The signed-in user of a request in an authenticated scope. */
export function userOf(request: FastifyRequest): User {
  if (!request.principal) throw new AccordError('ACCORD_UNAUTHENTICATED');
  return request.principal.user;
}

import type { FastifyRequest } from 'fastify';
import { AccordError } from '../errors.js';
import type { Role } from '../store/index.js';
import type { Principal } from './principal.js';

/** The signed-in principal if its role is one of `roles`; 401 without one, 403 with another role. */
export function requireRole(request: FastifyRequest, ...roles: Role[]): Principal {
  const principal = request.principal;
  if (!principal) throw new AccordError('ACCORD_UNAUTHENTICATED');
  if (!roles.includes(principal.user.role)) {
    throw new AccordError(
      'ACCORD_FORBIDDEN',
      `this needs the role ${roles.join(' or ')}; you are ${principal.user.role}`,
    );
  }
  return principal;
}

/**
 * An administrator of the node's own Party. Some acts are the node's Party's alone — trusting
 * a peer's key, recording treaty events, reading the whole audit chain — and an administrator
 * of another Party kept on the node (single-node and training use) never acts for it.
 */
export function requireNodeAdmin(request: FastifyRequest, nodeParty: string): Principal {
  const principal = requireRole(request, 'admin');
  if (principal.user.party !== nodeParty) {
    throw new AccordError(
      'ACCORD_FORBIDDEN',
      `this is for administrators of ${nodeParty}, the node's Party; you are an administrator of ${principal.user.party}`,
    );
  }
  return principal;
}

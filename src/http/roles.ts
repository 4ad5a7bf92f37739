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

import type { FastifyRequest } from 'fastify';
import { cursorSeal } from '../node/cursor-seal.js';
import { userOf } from './principal.js';

/**
 * Paging tokens of the REST API, sealed by the node (src/node/cursor-seal.ts): opaque, and
 * good only for the query, the user and the exercise they were issued for.
 */
function binding(request: FastifyRequest, query: unknown) {
  return { query, user: userOf(request).id, exercise: request.exercise ?? null };
}

export async function sealCursor(request: FastifyRequest, position: number, query: unknown): Promise<string> {
  return (await cursorSeal(request.server.accord)).seal(position, binding(request, query));
}

export async function openCursor(
  request: FastifyRequest,
  token: string,
  query: unknown,
  name = 'cursor',
): Promise<number> {
  return (await cursorSeal(request.server.accord)).open(token, binding(request, query), name);
}

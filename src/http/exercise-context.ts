import type { FastifyRequest } from 'fastify';
import { exerciseContext } from '../exchange/exercise-service.js';
import type { AccordNode } from '../node/node.js';
import { userOf } from './principal.js';

export const EXERCISE_HEADER = 'x-accord-exercise';

/**
 * The exercise a request is made in: the `X-Accord-Exercise` header, or the `exercise`
 * query parameter for links. Checked against the exercise's participants; without either,
 * the request is in the real world and sees no exercise data.
 */
export async function exerciseOfRequest(node: AccordNode, request: FastifyRequest): Promise<string | null> {
  const header = request.headers[EXERCISE_HEADER];
  const query = (request.query as Record<string, unknown> | undefined)?.exercise;
  const id =
    typeof header === 'string' && header !== ''
      ? header
      : typeof query === 'string' && query !== ''
        ? query
        : null;
  if (id === null) return null;
  return exerciseContext(node, userOf(request), id);
}

import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { AccordError } from '../../errors.js';
import type { Ctx } from '../../exchange/records.js';
import { openCursor, sealCursor } from '../cursor.js';
import { userOf } from '../principal.js';

export const Party = Type.String({ pattern: '^[A-Z]{2}$', description: 'A Party code such as KZ' });
export const Tlp = Type.Union(
  ['clear', 'green', 'amber', 'amber+strict', 'red'].map((l) => Type.Literal(l)),
  { description: 'TLP 2.0 level' },
);
export const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
export const Record = Type.Object({}, { additionalProperties: true });
export const Page = Type.Object({
  items: Type.Array(Record),
  next: Type.Union([Type.String(), Type.Null()]),
});

export const Paging = {
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'The `next` of the previous page' })),
  exercise: Type.Optional(
    Type.String({ description: 'Work inside this exercise (same as X-Accord-Exercise)' }),
  ),
};

/** The keyset position of a list request, bound to its filters and its user. */
export async function position(
  request: FastifyRequest,
  cursor: string | undefined,
  filters: unknown,
): Promise<number | undefined> {
  return cursor ? await openCursor(request, cursor, filters) : undefined;
}

export async function page<T, U>(
  request: FastifyRequest,
  r: { items: T[]; next: number | null },
  filters: unknown,
  map: (x: T) => U,
) {
  return {
    items: r.items.map(map),
    next: r.next === null ? null : await sealCursor(request, r.next, filters),
  };
}

export function bool(v: string | undefined, name: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new AccordError('ACCORD_VALIDATION', `${name} is true or false`);
}

export const IdParams = (type: string) =>
  Type.Object({ id: Type.String({ pattern: `^${type}--[0-9a-f-]{36}$` }) });

/** The acting user and the audience of a request (with its exercise). */
export function ctxFrom(request: FastifyRequest): Ctx {
  return { user: userOf(request), audience: request.audience() };
}

export const lit = (xs: readonly string[]) => Type.Union(xs.map((x) => Type.Literal(x)));

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AccordError } from '../../errors.js';
import { attackMatrix } from '../../intel/attack-service.js';
import { isoToMicros, microsToIso } from '../../store/index.js';
import { errorResponses } from '../schemas.js';

const DAY_US = 86_400_000_000;
const DEFAULT_DAYS = 90;

const Referrer = Type.Object({
  id: Type.String(),
  type: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
});
const Technique = Type.Object({
  id: Type.String(),
  attack_id: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  count: Type.Integer({ description: 'Objects reported in the period that refer to this technique' }),
  reported_by: Type.Array(Referrer, { description: 'The first 20 of them, for a click-through' }),
});
const Tactic = Type.Object({
  id: Type.String(),
  attack_id: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  shortname: Type.String(),
  count: Type.Integer({
    description: 'Objects reported in the period whose kill_chain_phases name this tactic',
  }),
  techniques: Type.Array(Technique),
});
const Matrix = Type.Object({ id: Type.String(), name: Type.String(), tactics: Type.Array(Tactic) });

const DateParam = (what: string) =>
  Type.Optional(
    Type.String({
      maxLength: 40,
      description: `${what}: a date (YYYY-MM-DD) or an RFC 3339 UTC timestamp`,
    }),
  );

/** A date is its whole day: `from` its first microsecond, `to` its last. */
function bound(value: string, end: boolean, name: string): number {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const us = isoToMicros(day ? `${value}T00:00:00Z` : value);
  if (us === undefined) {
    const message = `${name} must be a date (YYYY-MM-DD) or an RFC 3339 UTC timestamp, got ${JSON.stringify(value)}`;
    throw new AccordError('ACCORD_VALIDATION', `$querystring.${name} ${message}`, [
      { path: `$querystring.${name}`, message },
    ]);
  }
  return day && end ? us + DAY_US - 1 : us;
}

export const attackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/attack/matrix',
    {
      schema: {
        summary:
          'ATT&CK matrices (tactics as columns), each technique counted by the objects you may see that reached this node in the period',
        tags: ['attack'],
        querystring: Type.Object({
          from: DateParam(`Start of the period (default: ${DEFAULT_DAYS} days before \`to\`)`),
          to: DateParam('End of the period (default: now)'),
        }),
        response: {
          200: Type.Object({ from: Type.String(), to: Type.String(), matrices: Type.Array(Matrix) }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      const toUs = to === undefined ? Date.now() * 1000 : bound(to, true, 'to');
      const fromUs = from === undefined ? toUs - DEFAULT_DAYS * DAY_US : bound(from, false, 'from');
      if (fromUs > toUs) {
        const message = 'from must not be after to';
        throw new AccordError('ACCORD_VALIDATION', `$querystring.from ${message}`, [
          { path: '$querystring.from', message },
        ]);
      }
      const matrices = await attackMatrix(app.accord, request.audience(), { from: fromUs, to: toUs });
      return { from: microsToIso(fromUs), to: microsToIso(toUs), matrices };
    },
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import { lookupValues } from '../../intel/lookup-service.js';
import { LookupAnswer, type LookupResult } from '../contract/objects.js';
import { errorResponses } from '../schemas.js';

export const MAX_LOOKUP_VALUES = 10_000;

const Value = Type.String({ minLength: 1, maxLength: 2048 });
const IncludeExpired = Type.Boolean({
  default: false,
  description: 'Also match indicators whose valid_until has passed',
});

function summarise(results: LookupResult[]): Static<typeof LookupAnswer> {
  return {
    results,
    summary: {
      checked: results.length,
      known: results.filter((r) => r.known).length,
      unrecognised: results.filter((r) => r.kind === null).length,
    },
  };
}

/**
 * Lookups: is this value known, to whom, and seen where. Every answer passes the
 * disclosure policy (channel `lookup`, sightings `sighting-summary`): an object the caller
 * may not see makes no match, so "unknown" says nothing about what the node holds.
 */
export const lookupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/lookup',
    {
      schema: {
        summary:
          'Look up a batch of values (IPs, CIDR ranges, domains, URLs, e-mail addresses, hashes, AS numbers)',
        tags: ['lookup'],
        body: Type.Object(
          {
            values: Type.Array(Value, { minItems: 1, maxItems: MAX_LOOKUP_VALUES }),
            include_expired: Type.Optional(IncludeExpired),
          },
          { additionalProperties: false },
        ),
        response: { 200: LookupAnswer, ...errorResponses(400, 401, 413, 503) },
      },
    },
    async (request) => {
      const { values, include_expired } = request.body;
      const results = await lookupValues(app.accord, request.audience(), values, {
        includeExpired: include_expired ?? false,
      });
      return summarise(results);
    },
  );

  app.get(
    '/lookup',
    {
      schema: {
        summary: 'Look up one value',
        tags: ['lookup'],
        querystring: Type.Object(
          { value: Value, include_expired: Type.Optional(IncludeExpired) },
          { additionalProperties: false },
        ),
        response: { 200: LookupAnswer, ...errorResponses(400, 401, 503) },
      },
    },
    async (request) => {
      const { value, include_expired } = request.query;
      const results = await lookupValues(app.accord, request.audience(), [value], {
        includeExpired: include_expired ?? false,
      });
      return summarise(results);
    },
  );
};

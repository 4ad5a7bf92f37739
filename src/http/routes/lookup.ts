import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import { lookupValues } from '../../intel/lookup-service.js';
import type { ValueKind } from '../../intel/observable-keys.js';
import { errorResponses } from '../schemas.js';

export const MAX_LOOKUP_VALUES = 10_000;

const Value = Type.String({ minLength: 1, maxLength: 2048 });
// `type: [string, null]` rather than anyOf: the response serializer writes the former
// directly, but for an anyOf it runs a validator per value to pick the branch — a thousand
// results a request made that the largest cost of a batch lookup.
const NullableString = (description?: string) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...(description ? { description } : {}) });
const Enum = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: values, ...(description ? { description } : {}) });

const Sightings = Type.Object({
  count: Type.Integer(),
  first_seen: NullableString(),
  last_seen: NullableString(),
  reporters: Type.Array(Type.String(), { description: 'Parties whose sightings these are' }),
});

const Match = Type.Object({
  id: Type.String(),
  type: Type.String(),
  originator: Type.String(),
  version: Type.String(),
  name: NullableString(),
  pattern: NullableString(),
  valid_until: NullableString(),
  expired: Type.Boolean(),
  partial: Type.Boolean({ description: 'The value is one condition of a pattern that asks for more' }),
  how: Enum(
    ['exact', 'range', 'parent-domain', 'url-host', 'email-domain'] as const,
    'How the value met the object: equal, inside its range, under its domain…',
  ),
  matched: Type.String({ description: 'The value as the object holds it' }),
  marking_refs: Type.Array(Type.String(), { description: 'The object’s object_marking_refs' }),
  sightings: Sightings,
});

const Result = Type.Object({
  value: Type.String(),
  kind: Type.Unsafe<ValueKind | null>({
    type: ['string', 'null'],
    enum: ['ipv4', 'ipv6', 'domain', 'url', 'email', 'hash', 'as', null],
    description: 'What the value was read as; null when it is none of the kinds',
  }),
  normalised: NullableString(),
  error: NullableString(),
  known: Type.Boolean(),
  matches: Type.Array(Match),
  reported_by: Type.Array(Type.String(), {
    description: 'Every Party that reported the value (correlation)',
  }),
  sightings: Sightings,
  warninglists: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), {
    description: 'Lists of known-benign values the value is on (docs/lookup.md); empty for most values',
  }),
});

const Answer = Type.Object({
  results: Type.Array(Result),
  summary: Type.Object({ checked: Type.Integer(), known: Type.Integer(), unrecognised: Type.Integer() }),
});

const IncludeExpired = Type.Boolean({
  default: false,
  description: 'Also match indicators whose valid_until has passed',
});

function summarise(results: Static<typeof Result>[]): Static<typeof Answer> {
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
        response: { 200: Answer, ...errorResponses(400, 401, 413, 503) },
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
        response: { 200: Answer, ...errorResponses(400, 401, 503) },
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

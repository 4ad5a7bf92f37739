// STIX objects with their provenance, lookups and the Overview's counts, as /api/v1 returns them.

import { type Static, Type } from '@sinclair/typebox';
import { ObjectMetaSchema, StixObjectSchema } from '../schemas.js';
import { Opt, PageOf } from './common.js';

/** One stored version: the object as the gate discloses it, and where it came from. */
export const Item = Type.Object({ object: StixObjectSchema, meta: ObjectMetaSchema });
export const ObjectPage = PageOf(Item);

export const ObjectDetail = Type.Object({
  id: Type.String(),
  object: StixObjectSchema,
  meta: ObjectMetaSchema,
  versions: Type.Array(Item),
  references: Opt(Type.Array(Item)),
});

// `type: [string, null]` rather than anyOf: the response serializer writes the former
// directly, but for an anyOf it runs a validator per value to pick the branch — a thousand
// results a request made that the largest cost of a batch lookup.
const NullableString = (description?: string) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...(description ? { description } : {}) });
const Enum = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: values, ...(description ? { description } : {}) });

export const LOOKUP_KINDS = ['ipv4', 'ipv6', 'domain', 'url', 'email', 'hash', 'as'] as const;

export const LookupSightings = Type.Object({
  count: Type.Integer(),
  first_seen: NullableString(),
  last_seen: NullableString(),
  reporters: Type.Array(Type.String(), { description: 'Parties whose sightings these are' }),
});

export const LookupMatch = Type.Object({
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
  sightings: LookupSightings,
});

export const LookupResult = Type.Object({
  value: Type.String(),
  kind: Type.Unsafe<(typeof LOOKUP_KINDS)[number] | null>({
    type: ['string', 'null'],
    enum: [...LOOKUP_KINDS, null],
    description: 'What the value was read as; null when it is none of the kinds',
  }),
  normalised: NullableString(),
  error: NullableString(),
  known: Type.Boolean(),
  matches: Type.Array(LookupMatch),
  reported_by: Type.Array(Type.String(), {
    description: 'Every Party that reported the value (correlation)',
  }),
  sightings: LookupSightings,
  warninglists: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), {
    description: 'Lists of known-benign values the value is on (docs/lookup.md); empty for most values',
  }),
});

export const LookupAnswer = Type.Object({
  results: Type.Array(LookupResult),
  summary: Type.Object({ checked: Type.Integer(), known: Type.Integer(), unrecognised: Type.Integer() }),
});

const Count = Type.Integer({ minimum: 0 });
const Hours = Type.Union([Type.Number(), Type.Null()]);

export const ActivityStats = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    complete: Type.Boolean({ description: 'false when the period held more than one answer counts' }),
    objects: Type.Array(
      Type.Object({ day: Type.String(), party: Type.String(), type: Type.String(), count: Count }),
    ),
    notifications: Type.Array(Type.Object({ severity: Type.String(), count: Count })),
    requests: Type.Array(Type.Object({ state: Type.String(), party: Type.String(), count: Count })),
    timeliness: Type.Array(
      Type.Object({
        party: Type.String(),
        delivered: Count,
        acknowledged: Count,
        acknowledged_in_time: Count,
        median_ack_hours: Hours,
        requests: Count,
        answered: Count,
        answered_in_time: Count,
        median_answer_hours: Hours,
        overdue_open: Count,
      }),
    ),
  },
  { additionalProperties: false },
);

export type StixObject = Static<typeof StixObjectSchema>;
export type ObjectMeta = Static<typeof ObjectMetaSchema>;
export type Item = Static<typeof Item>;
export type ObjectPage = Static<typeof ObjectPage>;
export type ObjectDetail = Static<typeof ObjectDetail>;
export type LookupMatch = Static<typeof LookupMatch>;
export type LookupResult = Static<typeof LookupResult>;
export type LookupAnswer = Static<typeof LookupAnswer>;
export type ActivityStats = Static<typeof ActivityStats>;

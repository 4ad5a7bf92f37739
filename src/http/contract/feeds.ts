// Saved feeds and jurisdiction proposals as /api/v1 returns them. The kinds are written here,
// not imported from intel (whose modules the console cannot load); the feed route's return
// type fails to compile when src/intel/feeds/entry.ts gains a kind this list lacks.

import { type Static, Type } from '@sinclair/typebox';
import { Nullable, Opt, oneOf, Tlp } from './common.js';

const FEED_KINDS = ['ipv4', 'ipv6', 'domain', 'url', 'hash', 'email'] as const;

/** A feed definition in the API's spelling (docs/feeds.md, "A feed"). */
export const FeedDefinition = Type.Object(
  {
    name: Type.String(),
    kinds: Opt(Type.Array(oneOf(FEED_KINDS), { description: 'Observable kinds carried; all when absent' })),
    tlp_ceiling: Opt(Tlp),
    originators: Opt(Type.Array(Type.String())),
    min_confidence: Opt(Type.Integer({ minimum: 0, maximum: 100 })),
    valid_now: Type.Boolean(),
    include_warninglisted: Type.Boolean(),
  },
  { description: 'docs/feeds.md, "A feed"' },
);

export const FeedList = Type.Object({
  formats: Type.Array(Type.String(), { description: 'The files every feed is served as' }),
  items: Type.Array(
    Type.Composite([
      FeedDefinition,
      Type.Object({ files: Type.Array(Type.String(), { description: 'Paths under /feeds/' }) }),
    ]),
  ),
});

export const Routing = Type.Object({
  value: Type.String(),
  kind: oneOf(['ipv4', 'ipv6', 'ipv4-cidr', 'ipv6-cidr', 'asn', 'domain', 'invalid'] as const),
  party: Nullable(Type.String({ description: 'The proposed Party; null: none can be proposed' })),
  countries: Type.Array(Type.String(), { description: 'Registration countries (IP, AS) or the TLD’s' }),
  status: oneOf(['routed', 'unknown'] as const),
  reason: Type.String(),
});

export const JurisdictionAnswer = Type.Object({
  items: Type.Array(Routing),
  data: Type.Object(
    {
      source: Type.String(),
      version: Type.String(),
      date: Nullable(Type.String({ description: 'YYYY-MM-DD the data was built' })),
      license: Type.String(),
    },
    { description: 'The registration data the proposals come from' },
  ),
});

export type FeedDefinition = Static<typeof FeedDefinition>;
export type JurisdictionAnswer = Static<typeof JurisdictionAnswer>;
export type Routing = Static<typeof Routing>;

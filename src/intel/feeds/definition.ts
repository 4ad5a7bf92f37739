// A feed is a saved, named filter over the indicators a principal may receive. Pure: parsing
// with errors that name the JSON path, and the test an indicator's value must pass.

import { AccordError } from '../../errors.js';
import { TLP2_IDS, type TlpLevel } from '../../policy/index.js';
import { FEED_KINDS, type FeedKind } from './entry.js';

const TLP_ORDER: readonly TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

export interface FeedDefinition {
  name: string;
  /** Observable kinds carried; all when absent. */
  kinds?: FeedKind[];
  /** The most restrictive TLP carried (a firewall feed rarely wants RED); all when absent. */
  tlpCeiling?: TlpLevel;
  /** Only indicators of these originating Parties. */
  originators?: string[];
  /** Only indicators whose confidence is at least this (0–100); unrated ones are left out. */
  minConfidence?: number;
  /** Only indicators valid now (not expired, not yet valid left out); default true. */
  validNow?: boolean;
  /** Carry values on a warninglist too (docs/feeds.md); by default they are left out. */
  includeWarninglisted?: boolean;
}

/** Always there: every indicator value the principal may receive and that is valid now. */
export const DEFAULT_FEED: FeedDefinition = { name: 'default', validNow: true };

export const FEED_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

function bad(path: string, message: string): never {
  throw new AccordError('ACCORD_VALIDATION', `${path}: ${message}`, { path });
}

export function parseFeedDefinition(name: string, body: unknown): FeedDefinition {
  if (!FEED_NAME.test(name)) bad('$.name', 'a feed name is 1–63 lower-case letters, digits and -');
  if (name === 'misp') bad('$.name', "'misp' is the MISP feed's own path (/feeds/misp/)");
  if (typeof body !== 'object' || body === null || Array.isArray(body)) bad('$', 'must be a JSON object');
  const b = body as Record<string, unknown>;
  const known = new Set([
    'name',
    'kinds',
    'tlp_ceiling',
    'originators',
    'min_confidence',
    'valid_now',
    'include_warninglisted',
  ]);
  for (const k of Object.keys(b)) if (!known.has(k)) bad(`$.${k}`, 'is not a feed setting');
  if (b.name !== undefined && b.name !== name) bad('$.name', `must be "${name}", the name in the URL`);
  const def: FeedDefinition = { name };
  if (b.kinds !== undefined) {
    if (!Array.isArray(b.kinds) || b.kinds.length === 0) bad('$.kinds', 'must be a non-empty array');
    b.kinds.forEach((k, i) => {
      if (!(FEED_KINDS as readonly unknown[]).includes(k))
        bad(`$.kinds[${i}]`, `must be one of ${FEED_KINDS.join(', ')}`);
    });
    def.kinds = [...new Set(b.kinds as FeedKind[])];
  }
  if (b.tlp_ceiling !== undefined) {
    if (!(TLP_ORDER as readonly unknown[]).includes(b.tlp_ceiling))
      bad('$.tlp_ceiling', `must be one of ${TLP_ORDER.join(', ')}`);
    def.tlpCeiling = b.tlp_ceiling as TlpLevel;
  }
  if (b.originators !== undefined) {
    if (!Array.isArray(b.originators)) bad('$.originators', 'must be an array of Party codes');
    b.originators.forEach((p, i) => {
      if (typeof p !== 'string' || !/^[A-Za-z]{2}$/.test(p))
        bad(`$.originators[${i}]`, 'must be a Party code such as KZ');
    });
    def.originators = (b.originators as string[]).map((p) => p.toUpperCase());
  }
  if (b.min_confidence !== undefined) {
    const c = b.min_confidence;
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c > 100)
      bad('$.min_confidence', 'must be an integer from 0 to 100');
    def.minConfidence = c;
  }
  if (b.valid_now !== undefined) {
    if (typeof b.valid_now !== 'boolean') bad('$.valid_now', 'must be true or false');
    def.validNow = b.valid_now;
  }
  if (b.include_warninglisted !== undefined) {
    if (typeof b.include_warninglisted !== 'boolean') bad('$.include_warninglisted', 'must be true or false');
    def.includeWarninglisted = b.include_warninglisted;
  }
  return def;
}

/** The definition as the API shows it (snake_case, as it was given). */
/** A definition as the API and the stored JSON spell it. */
export interface FeedDefinitionJson {
  name: string;
  kinds?: FeedKind[];
  tlp_ceiling?: TlpLevel;
  originators?: string[];
  min_confidence?: number;
  valid_now: boolean;
  include_warninglisted: boolean;
}

export function feedDefinitionJson(d: FeedDefinition): FeedDefinitionJson {
  return {
    name: d.name,
    ...(d.kinds ? { kinds: d.kinds } : {}),
    ...(d.tlpCeiling ? { tlp_ceiling: d.tlpCeiling } : {}),
    ...(d.originators ? { originators: d.originators } : {}),
    ...(d.minConfidence !== undefined ? { min_confidence: d.minConfidence } : {}),
    valid_now: d.validNow !== false,
    include_warninglisted: d.includeWarninglisted === true,
  };
}

/** The TLP an object carries (TLP 2.0 ids); an object without one counts as AMBER here. */
export function tlpOf(object: Readonly<Record<string, unknown>>): TlpLevel {
  const refs = Array.isArray(object.object_marking_refs) ? object.object_marking_refs : [];
  let worst: TlpLevel | null = null;
  for (const [level, id] of Object.entries(TLP2_IDS) as [TlpLevel, string][]) {
    if (refs.includes(id) && (worst === null || TLP_ORDER.indexOf(level) > TLP_ORDER.indexOf(worst)))
      worst = level;
  }
  return worst ?? 'amber';
}

/** Does this indicator version belong in the feed, before its values are looked at? */
export function indicatorPasses(
  d: FeedDefinition,
  object: Readonly<Record<string, unknown>>,
  originator: string,
  now: string,
): boolean {
  if (object.type !== 'indicator' || object.revoked === true) return false;
  if (d.originators && !d.originators.includes(originator)) return false;
  if (d.tlpCeiling && TLP_ORDER.indexOf(tlpOf(object)) > TLP_ORDER.indexOf(d.tlpCeiling)) return false;
  if (d.minConfidence !== undefined) {
    const c = object.confidence;
    if (typeof c !== 'number' || c < d.minConfidence) return false;
  }
  if (d.validNow !== false) {
    const from = typeof object.valid_from === 'string' ? object.valid_from : null;
    const until = typeof object.valid_until === 'string' ? object.valid_until : null;
    const t = Date.parse(now);
    if (from && Date.parse(from) > t) return false;
    if (until && Date.parse(until) <= t) return false;
  }
  return true;
}

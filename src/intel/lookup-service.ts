// Looking values up: candidates from the node's observable index (index-build.ts), and the
// answer for one audience. "Known" is a disclosure too, so every candidate the index
// offers is confirmed against the stored newest version and passed through the one policy
// gate before it counts; an audience that may not see an object gets "unknown", exactly as
// if the object were not held.

import { AccordError } from '../errors.js';
import { todayUtc } from '../node/agreement-service.js';
import { type Audience, decideDisclosure } from '../node/disclosure.js';
import type { AccordNode } from '../node/node.js';
import { copyKey, latestCopiesList, type StoredVersion } from '../store/index.js';
import { type HeldCopy, heldCopies } from './held-copies.js';
import { confirmedStamp, indexStateOf, refreshIndex } from './index-build.js';
import type { ObjectObservable } from './object-observables.js';
import type { MatchHow, ObservableIndex } from './observable-index.js';
import { classifyValue, displayValue, UNRECOGNISED, type ValueKind } from './observable-keys.js';
import type { WarninglistHit } from './warninglists/matcher.js';
import { warninglistsOf } from './warninglists/service.js';

export interface SightingSummary {
  count: number;
  first_seen: string | null;
  last_seen: string | null;
  /** The Parties whose sightings these are. */
  reporters: string[];
}

export interface LookupMatch {
  id: string;
  type: string;
  originator: string;
  version: string;
  name: string | null;
  pattern: string | null;
  valid_until: string | null;
  expired: boolean;
  /** The value is one condition of a pattern that asks for more; a match is a lead, not a verdict. */
  partial: boolean;
  how: MatchHow;
  /** The value as the object holds it, e.g. the range "10.0.0.0/8" an address fell in. */
  matched: string;
  /** The object's marking-definition references, so a console can show its TLP. */
  marking_refs: string[];
  sightings: SightingSummary;
}

export interface LookupResult {
  value: string;
  kind: ValueKind | null;
  /** The normal form looked up, e.g. "evil.example" for "EVIL.example.". */
  normalised: string | null;
  error: string | null;
  known: boolean;
  matches: LookupMatch[];
  /** Correlation: every Party that reported something on the value, as far as you may see. */
  reported_by: string[];
  sightings: SightingSummary;
  /** Lists of known-benign values the value is on (docs/lookup.md): a report of it is likely a mistake. */
  warninglists: WarninglistHit[];
}

export interface LookupOptions {
  /** Also count indicators whose valid_until has passed (default: they do not). */
  includeExpired?: boolean;
  now?: Date;
}

const HOW_RANK: Record<MatchHow, number> = {
  exact: 0,
  range: 1,
  'url-host': 2,
  'email-domain': 3,
  'parent-domain': 4,
};

interface Candidate {
  key: string;
  how: MatchHow;
}

function noSightings(): SightingSummary {
  return { count: 0, first_seen: null, last_seen: null, reporters: [] };
}

function str(x: unknown): string | null {
  return typeof x === 'string' ? x : null;
}

/** Each value's answer, in the order given, as the audience may see it. */
export async function lookupValues(
  node: AccordNode,
  audience: Audience,
  values: readonly string[],
  opts: LookupOptions = {},
): Promise<LookupResult[]> {
  const s = indexStateOf(node);
  // Half an index would answer "unknown" for what the node holds: say "not yet" instead.
  if (s.phase.kind === 'building')
    throw new AccordError(
      'ACCORD_NOT_READY',
      'the lookup index is still being built after start-up; try again shortly (GET /readyz shows when it is done)',
    );
  await refreshIndex(node);
  // A build that failed is retried by this refresh; when it gets through, lookups answer again.
  if (s.phase.kind !== 'ready') s.phase = { kind: 'ready' };
  const now = (opts.now ?? new Date()).getTime();
  const expired = (validUntil: string | null) => validUntil !== null && Date.parse(validUntil) < now;

  const classified = values.map((raw) => classifyValue(raw));
  // Every way each object met each value: the best one may be a stale entry, another not.
  const candidates = classified.map((v) => {
    const found = new Map<string, Candidate[]>();
    if (v)
      s.index.probe(v, (id, key, how) => {
        const list = found.get(id);
        if (list) list.push({ key, how });
        else found.set(id, [{ key, how }]);
      });
    return found;
  });

  const ids = new Set<string>();
  for (const c of candidates) for (const id of c.keys()) ids.add(id);
  // Every Party's copy of an id is its own object: each is confirmed and decided alone.
  // Read since this lookup began: it keys the copies kept and the gate's consents alike.
  const stamp = confirmedStamp(node);
  const held =
    ids.size > 0 ? await heldCopies(node, [...ids], stamp) : new Map<string, readonly HeldCopy[]>();

  // Confirm each candidate on the newest version: not revoked, still speaking of the value.
  // Only confirmed ones go to the policy, so the audit names just what an answer shows.
  const parsed = new Map<string, HeldCopy>();
  const copiesOf = new Map<string, StoredVersion[]>();
  for (const [id, copies] of held) {
    for (const c of copies) {
      if (!opts.includeExpired && expired(str(c.object.valid_until))) continue;
      // This request's own handle on the shared row: the gate marks what it lets through.
      const v = { ...c.version };
      parsed.set(copyKey(v.party, id), c);
      copiesOf.set(id, [...(copiesOf.get(id) ?? []), v]);
    }
  }
  const best = candidates.map((found) => {
    const out = new Map<string, { how: MatchHow; held: ObjectObservable; version: StoredVersion }>();
    for (const [id, list] of found) {
      for (const version of copiesOf.get(id) ?? []) {
        const k = copyKey(version.party, id);
        const observables = parsed.get(k)!.observables;
        for (const c of list) {
          const held = observables.find((o) => o.key === c.key);
          const prev = out.get(k);
          if (held && (!prev || HOW_RANK[c.how] < HOW_RANK[prev.how]))
            out.set(k, { how: c.how, held, version });
        }
      }
    }
    return out;
  });
  const confirmedKeys = new Set(best.flatMap((m) => [...m.keys()]));
  const confirmed = [...copiesOf.values()].flat().filter((v) => confirmedKeys.has(copyKey(v.party, v.id)));
  const outcome = await decideDisclosure(node, audience, confirmed, 'lookup', todayUtc(), { stamp });
  const allowed = new Set(outcome.allowed.map((v) => copyKey(v.party, v.id)));
  const sightings = await summariseSightings(node, audience, s.index, [
    ...new Set(outcome.allowed.map((v) => v.id)),
  ]);

  const lists = warninglistsOf(node);
  return values.map((value, i) => {
    const v = classified[i]!;
    const matches: LookupMatch[] = [];
    for (const [k, { how, held, version }] of best[i]!) {
      if (!allowed.has(k)) continue;
      const id = version.id;
      const object = parsed.get(k)!.object;
      const validUntil = str(object.valid_until);
      matches.push({
        id,
        type: version.type,
        originator: version.party,
        version: version.modified,
        name: str(object.name),
        pattern: str(object.pattern),
        valid_until: validUntil,
        expired: expired(validUntil),
        partial: !held.sufficient,
        how,
        matched: displayValue(held.value),
        marking_refs: Array.isArray(object.object_marking_refs)
          ? object.object_marking_refs.filter((r): r is string => typeof r === 'string')
          : [],
        sightings: sightings.get(id) ?? noSightings(),
      });
    }
    matches.sort(
      (a, b) =>
        HOW_RANK[a.how] - HOW_RANK[b.how] ||
        a.id.localeCompare(b.id) ||
        a.originator.localeCompare(b.originator),
    );
    return {
      value,
      kind: v?.kind ?? null,
      normalised: v ? displayValue(v) : null,
      error: v ? null : UNRECOGNISED,
      known: matches.length > 0,
      matches,
      reported_by: [...new Set(matches.map((m) => m.originator))].sort(),
      // Sightings are of an id, whichever Party's copy matched: count each id once.
      sightings: mergeSightings([...new Map(matches.map((m) => [m.id, m.sightings])).values()]),
      warninglists: v ? lists.match(v, value) : [],
    };
  });
}

/** Sightings of the matched objects that the audience may see, summed per object. */
async function summariseSightings(
  node: AccordNode,
  audience: Audience,
  index: ObservableIndex,
  targets: string[],
): Promise<Map<string, SightingSummary>> {
  const out = new Map<string, SightingSummary>();
  const sightingIds = targets.flatMap((t) => index.sightingsOf(t));
  if (sightingIds.length === 0) return out;
  const held = (await latestCopiesList(node.store.db, sightingIds)).filter((v) => !v.revoked);
  const { allowed } = await decideDisclosure(node, audience, held, 'sighting-summary');
  for (const v of allowed) {
    const o = JSON.parse(v.json) as Record<string, unknown>;
    const target = str(o.sighting_of_ref);
    if (!target) continue;
    const sum = out.get(target) ?? noSightings();
    addSightings(sum, {
      count: typeof o.count === 'number' ? o.count : 1,
      first_seen: str(o.first_seen) ?? str(o.created),
      last_seen: str(o.last_seen) ?? str(o.modified),
      reporters: [v.party],
    });
    out.set(target, sum);
  }
  for (const sum of out.values()) sum.reporters.sort();
  return out;
}

/** Adds one summary (or one sighting) into another: counts sum, the window widens. */
function addSightings(into: SightingSummary, s: SightingSummary): void {
  into.count += s.count;
  if (s.first_seen && (into.first_seen === null || s.first_seen < into.first_seen))
    into.first_seen = s.first_seen;
  if (s.last_seen && (into.last_seen === null || s.last_seen > into.last_seen)) into.last_seen = s.last_seen;
  for (const r of s.reporters) if (!into.reporters.includes(r)) into.reporters.push(r);
}

function mergeSightings(all: SightingSummary[]): SightingSummary {
  const m = noSightings();
  for (const s of all) addSightings(m, s);
  m.reporters.sort();
  return m;
}

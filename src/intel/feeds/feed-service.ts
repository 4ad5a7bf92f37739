// A feed, made on request and streamed: indicators a page at a time, every page through the
// disclosure gate (channel `feed`, so each fetch is in the audit log like any disclosure), then
// the feed's filter, then the values each indicator is about, written in the consumer's format.
// Nothing holds the whole feed, so a million lines cost a page of memory.

import { createHash } from 'node:crypto';
import { AccordError } from '../../errors.js';
import { type Audience, disclosable } from '../../node/disclosure.js';
import type { AccordNode } from '../../node/node.js';
import { feedState, getFeed, listVersions, ruleSids, type StoredVersion } from '../../store/index.js';
import { observablesOf } from '../object-observables.js';
import { displayValue, keyOf } from '../observable-keys.js';
import type { WarninglistMatcher } from '../warninglists/matcher.js';
import { warninglistsOf } from '../warninglists/service.js';
import { DEFAULT_FEED, type FeedDefinition, indicatorPasses, parseFeedDefinition } from './definition.js';
import type { FeedEntry } from './entry.js';
import type { FeedFormat, FeedMeta } from './formats.js';

const PAGE = 500;

/** The Party's saved feed of that name, or the built-in `default`; 404 otherwise. */
export async function findFeed(node: AccordNode, party: string, name: string): Promise<FeedDefinition> {
  const json = await getFeed(node.store.db, party, name);
  if (json) return parseFeedDefinition(name, JSON.parse(json));
  if (name === DEFAULT_FEED.name) return DEFAULT_FEED;
  throw new AccordError('ACCORD_NOT_FOUND', `no feed '${name}' for ${party}: GET /api/v1/feeds lists them`);
}

/**
 * A validator for the feed as it would be generated now: it changes when anything the feed
 * is made from changes (a new version, a deletion, a consent, a treaty event), and every
 * minute for feeds of indicators valid now, since validity runs out by the clock.
 */
export async function feedEtag(
  node: AccordNode,
  party: string,
  def: FeedDefinition,
  format: FeedFormat,
  now: Date,
): Promise<string> {
  const minute = def.validNow === false ? '' : now.toISOString().slice(0, 16);
  const h = createHash('sha256')
    .update(JSON.stringify([def, format.file, party, await feedState(node.store.db), minute]))
    .digest('base64url')
    .slice(0, 27);
  return `W/"${h}"`;
}

/** 1 for the first version of each indicator held here, +1 for each later one. */
async function revisions(node: AccordNode, versions: readonly StoredVersion[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const ids = [...new Set(versions.map((v) => v.id))];
  const rows = await node.store.db.kysely
    .selectFrom('objects')
    .select(['id', 'party', 'modified'])
    .where('id', 'in', ids)
    .execute();
  for (const v of versions) {
    const n = rows.filter((r) => r.id === v.id && r.party === v.party && r.modified <= v.modified).length;
    out.set(`${v.id}\u0000${v.modified}`, Math.max(1, n));
  }
  return out;
}

function entriesOf(
  version: StoredVersion,
  object: Record<string, unknown>,
  def: FeedDefinition,
  rev: number,
  warninglists: WarninglistMatcher | null,
) {
  const out: FeedEntry[] = [];
  const seen = new Set<string>();
  for (const o of observablesOf(object)) {
    // A term that alone does not match (`… AND file:name = 'x'`) would block on half a reason.
    if (!o.sufficient || seen.has(o.key)) continue;
    if (o.value.kind === 'as') continue;
    if (def.kinds && !def.kinds.includes(o.value.kind)) continue;
    // A known-benign value in a blocking feed breaks something for everyone fed from it.
    if (warninglists && warninglists.match(o.value).length > 0) continue;
    seen.add(o.key);
    out.push({
      value: o.value,
      text: displayValue(o.value),
      indicatorId: version.id,
      version: typeof object.modified === 'string' ? object.modified : version.modified,
      originator: version.party,
      name: typeof object.name === 'string' ? object.name : null,
      confidence: typeof object.confidence === 'number' ? object.confidence : null,
      validUntil: typeof object.valid_until === 'string' ? object.valid_until : null,
      rev,
    });
  }
  return out;
}

export interface FeedRun {
  node: AccordNode;
  audience: Audience;
  def: FeedDefinition;
  format: FeedFormat;
  now?: Date;
}

/** The feed's text, in pieces as they are made. */
export async function* generateFeed(run: FeedRun): AsyncGenerator<string> {
  const { node, audience, def, format } = run;
  const now = (run.now ?? new Date()).toISOString();
  const party = audience.recipient.kind === 'party' ? audience.recipient.party : audience.recipient.id;
  const meta: FeedMeta = {
    feed: def.name,
    party,
    nodeId: node.settings.nodeId,
    generated: now,
    serial: Math.floor(Date.parse(now) / 1000),
  };
  const warninglists = def.includeWarninglisted ? null : warninglistsOf(node);
  yield format.header(meta);
  let after: number | undefined;
  for (;;) {
    const rows = await listVersions(node.store.db, {
      types: ['indicator'],
      limit: PAGE,
      ...(after !== undefined ? { after } : {}),
    });
    if (rows.length === 0) break;
    after = rows.at(-1)!.dateAdded;
    const allowed = await disclosable(node, audience, rows, 'feed');
    const revs = await revisions(node, allowed);
    const entries: FeedEntry[] = [];
    for (const v of allowed) {
      const object = JSON.parse(v.json) as Record<string, unknown>;
      if (!indicatorPasses(def, object, v.party, now)) continue;
      for (const e of entriesOf(v, object, def, revs.get(`${v.id}\u0000${v.modified}`) ?? 1, warninglists)) {
        if ((format.kinds as readonly string[]).includes(e.value.kind)) entries.push(e);
      }
    }
    // Rules are numbered once and for good: collect this page's rule keys, then write.
    const keys: string[] = [];
    const ruleKey = (e: FeedEntry, rule: string) => `${e.indicatorId}|${keyOf(e.value)}|${rule}`;
    for (const e of entries) {
      format.entry(e, (rule) => {
        keys.push(ruleKey(e, rule));
        return 0;
      });
    }
    const sids = keys.length > 0 ? await ruleSids(node.store.db, keys) : new Map<string, number>();
    let chunk = '';
    for (const e of entries) chunk += format.entry(e, (rule) => sids.get(ruleKey(e, rule))!);
    if (chunk) yield chunk;
    if (rows.length < PAGE) break;
  }
  yield format.footer(meta);
}

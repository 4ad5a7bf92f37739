// The MISP feed of what a subscriber may receive: /feeds/misp/ and `accord export --format
// misp-feed`. Every object goes through the disclosure gate (channel `feed`, so each fetch is
// audited); reports and notifications become events of what they cite, indicators no report
// cites one event per originating Party. Event uuids are the report's own (or derived from the
// Party), and an event's timestamp is its newest object's, so it moves when content does.
// A MISP feed is a handful of files, not a stream of lines: the events are built in memory.

import { createHash } from 'node:crypto';
import { type Audience, disclosable } from '../../node/disclosure.js';
import type { AccordNode } from '../../node/node.js';
import { latestCopiesList, listVersions, type StoredVersion } from '../../store/index.js';
import { derivedUuid } from './misp-ids.js';
import { isRec, type Rec } from './misp-shape.js';
import { attributeValues, manifestEntry, stixToMispEvent } from './stix-to-misp.js';

const PAGE = 500;
const HEADS = ['report', 'x-accord-notification'];

export interface MispFeedOptions {
  /** Leave out values on a warninglist (a predicate over attribute values). */
  exclude?: (value: string) => boolean;
}

type Json = Record<string, unknown>;

function parse(v: StoredVersion): Rec {
  return JSON.parse(v.json) as Rec;
}

async function allowedObjects(
  node: AccordNode,
  audience: Audience,
  ids: readonly string[],
): Promise<Map<string, Rec>> {
  const out = new Map<string, Rec>();
  if (ids.length === 0) return out;
  for (const v of await disclosable(node, audience, await latestCopiesList(node.store.db, ids), 'feed'))
    if (!out.has(v.id) && !v.revoked) out.set(v.id, parse(v));
  return out;
}

/** Ids an object points at that an event needs to describe it: its maker, markings, sighters. */
function supportRefs(objects: Iterable<Rec>): string[] {
  const ids = new Set<string>();
  for (const o of objects) {
    if (typeof o.created_by_ref === 'string') ids.add(o.created_by_ref);
    for (const k of ['object_marking_refs', 'where_sighted_refs'])
      if (Array.isArray(o[k])) for (const r of o[k] as unknown[]) if (typeof r === 'string') ids.add(r);
  }
  return [...ids];
}

async function lookupFor(node: AccordNode, audience: Audience, objects: Rec[]): Promise<Map<string, Rec>> {
  const lookup = await allowedObjects(node, audience, supportRefs(objects));
  // A REL TO marking names recipients: their identities give the sharing group its members.
  const recipients: string[] = [];
  for (const md of lookup.values()) {
    const ext = isRec(md.extensions) ? Object.values(md.extensions).find(isRec) : undefined;
    if (ext && Array.isArray(ext.recipients)) recipients.push(...(ext.recipients as string[]));
  }
  for (const [k, v] of await allowedObjects(node, audience, recipients)) lookup.set(k, v);
  return lookup;
}

function looseUuid(party: string): string {
  return derivedUuid('accord-misp-indicators', party);
}

function filtered(event: Json, exclude?: (v: string) => boolean): Json {
  if (!exclude) return event;
  const ev = event.Event as Json;
  const keep = (a: Json) => !attributeValues({ Event: { Attribute: [a] } }).some(exclude);
  ev.Attribute = ((ev.Attribute as Json[]) ?? []).filter(keep);
  for (const o of (ev.Object as Json[]) ?? []) o.Attribute = ((o.Attribute as Json[]) ?? []).filter(keep);
  return event;
}

/** Every event of the subscriber's MISP feed, by uuid. */
export async function mispFeedEvents(
  node: AccordNode,
  audience: Audience,
  opts: MispFeedOptions = {},
): Promise<Map<string, Json>> {
  const heads: StoredVersion[] = [];
  const loose = new Map<string, Rec[]>();
  let after: number | undefined;
  for (;;) {
    const rows = await listVersions(node.store.db, {
      types: [...HEADS, 'indicator'],
      limit: PAGE,
      ...(after !== undefined ? { after } : {}),
    });
    if (rows.length === 0) break;
    after = rows.at(-1)!.dateAdded;
    for (const v of await disclosable(node, audience, rows, 'feed')) {
      if (v.revoked) continue;
      if (HEADS.includes(v.type)) heads.push(v);
      else loose.set(v.party, [...(loose.get(v.party) ?? []), parse(v)]);
    }
    if (rows.length < PAGE) break;
  }
  const events = new Map<string, Json>();
  const cited = new Set<string>();
  for (const h of heads) {
    const head = parse(h);
    const refs = Array.isArray(head.object_refs) ? (head.object_refs as string[]) : [];
    for (const r of refs) cited.add(r);
    const objects = [...(await allowedObjects(node, audience, refs)).values()];
    const lookup = await lookupFor(node, audience, [head, ...objects]);
    const uuid = h.id.slice(h.id.indexOf('--') + 2);
    const info =
      typeof head.name === 'string'
        ? head.name
        : typeof head.summary === 'string'
          ? `${h.party} notification: ${head.summary}`
          : h.id;
    events.set(
      uuid,
      filtered(stixToMispEvent({ uuid, info, head, objects, lookup, originator: h.party }), opts.exclude),
    );
  }
  for (const [party, indicators] of loose) {
    const objects = indicators.filter((o) => !cited.has(String(o.id)));
    if (objects.length === 0) continue;
    const uuid = looseUuid(party);
    const lookup = await lookupFor(node, audience, objects);
    events.set(
      uuid,
      filtered(
        stixToMispEvent({
          uuid,
          info: `Indicators of ${party} not in a report`,
          head: null,
          objects,
          lookup,
          originator: party,
        }),
        opts.exclude,
      ),
    );
  }
  return events;
}

export function mispManifest(events: ReadonlyMap<string, Json>): Json {
  return Object.fromEntries([...events].map(([uuid, e]) => [uuid, manifestEntry(e)]));
}

/** hashes.csv: `md5(value),event uuid` a line, as MISP's own feed generator writes it. */
export function mispHashes(events: ReadonlyMap<string, Json>): string {
  let out = '';
  for (const [uuid, e] of events)
    for (const v of attributeValues(e)) out += `${createHash('md5').update(v).digest('hex')},${uuid}\n`;
  return out;
}

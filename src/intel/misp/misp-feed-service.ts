// The MISP feed of what a subscriber may receive: /feeds/misp/ and `accord export --format
// misp-feed`. Reports and notifications become events of what they cite; indicators no report
// cites make one event per originating Party. Event uuids are the report's own (or derived from
// the Party), and an event's timestamp is its newest object's, so it moves when content does.
//
// Nothing holds the whole feed: heads are read a page at a time and their events built a batch
// at a time; a Party's loose indicators come out a page of attributes at a time. Each batch is
// decided twice by the disclosure gate (channel `feed`): once unrecorded, to build the events,
// then — recorded in the audit log — for exactly the objects the events were made of, and the
// events are built again from that answer, so what is sent is what is audited.

import { type Audience, decideDisclosure } from '../../node/disclosure.js';
import type { AccordNode } from '../../node/node.js';
import {
  copyKey,
  latestCopiesList,
  listVersions,
  partiesHolding,
  type StoredVersion,
} from '../../store/index.js';
import { derivedUuid } from './misp-ids.js';
import { isRec, type Rec } from './misp-shape.js';
import { stixToMispEvent, stixToMispEventUsing } from './stix-to-misp.js';

const HEAD_PAGE = 100;
const LOOSE_PAGE = 500;
/** A batch of heads stops growing at this many cited ids: one event's objects, many events' few. */
const BATCH_REFS = 2000;
const HEADS = ['report', 'x-accord-notification'];

type Json = Record<string, unknown>;

export interface MispFeedOptions {
  /** Leave out values on a warninglist (a predicate over attribute values). */
  exclude?: (value: string) => boolean;
}

/**
 * A piece of the feed. A report's or notification's event comes whole; a Party's loose
 * indicators come as pages of `attributes`, then the event's `shell` (the event without its
 * attributes, stamped with the newest of them) once they are all given.
 */
export type MispFeedPiece =
  | { uuid: string; event: Json }
  | { uuid: string; attributes: Json[] }
  | { uuid: string; shell: Json };

interface Held {
  stored: StoredVersion;
  object: Rec;
}

/** The first copy of each id the audience may receive (its reader's copy), decided unrecorded. */
async function screen(
  node: AccordNode,
  audience: Audience,
  versions: readonly StoredVersion[],
  pool = new Map<string, Held>(),
): Promise<Map<string, Held>> {
  const fresh = versions.filter((v) => !v.revoked && !pool.has(v.id));
  if (fresh.length === 0) return pool;
  const byKey = new Map(fresh.map((v) => [copyKey(v.party, v.id), v]));
  const { allowed } = await decideDisclosure(node, audience, fresh, 'feed', undefined, { audit: false });
  for (const v of allowed)
    if (!pool.has(v.id))
      pool.set(v.id, { stored: byKey.get(copyKey(v.party, v.id))!, object: parseJson(v.json) });
  return pool;
}

function parseJson(json: string): Rec {
  return JSON.parse(json) as Rec;
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

/** Adds to the pool what its objects refer to, and the recipients a REL TO marking names. */
async function withSupport(node: AccordNode, audience: Audience, pool: Map<string, Held>): Promise<void> {
  const objects = () => [...pool.values()].map((h) => h.object);
  const ids = supportRefs(objects()).filter((id) => !pool.has(id));
  await screen(node, audience, await latestCopiesList(node.store.db, ids), pool);
  // A REL TO marking names recipients: their identities give the sharing group its members.
  const recipients: string[] = [];
  for (const md of objects()) {
    if (md.type !== 'marking-definition') continue;
    const ext = isRec(md.extensions) ? Object.values(md.extensions).find(isRec) : undefined;
    if (ext && Array.isArray(ext.recipients)) recipients.push(...(ext.recipients as string[]));
  }
  const missing = recipients.filter((id) => !pool.has(id));
  await screen(node, audience, await latestCopiesList(node.store.db, missing), pool);
}

/** An event to make: its head (null for loose indicators) and the ids of what it is made of. */
interface Draft {
  uuid: string;
  head: string | null;
  refs: readonly string[];
  originator: string;
  info: (head: Rec | null) => string;
}

function buildFrom(draft: Draft, pool: ReadonlyMap<string, Held>, opts: MispFeedOptions) {
  const lookup = new Map<string, Rec>([...pool].map(([id, h]) => [id, h.object] as const));
  const head = draft.head ? (lookup.get(draft.head) ?? null) : null;
  const objects = draft.refs.map((r) => lookup.get(r)).filter((o): o is Rec => o !== undefined);
  return stixToMispEventUsing({
    uuid: draft.uuid,
    info: draft.info(head),
    head,
    objects,
    lookup,
    originator: draft.originator,
    ...(opts.exclude ? { exclude: opts.exclude } : {}),
  });
}

/**
 * The events of these drafts, from what the pool holds: built, then the objects they were made
 * of disclosed (and audited) in one decision, then built again from exactly that answer.
 */
async function discloseEvents(
  node: AccordNode,
  audience: Audience,
  drafts: readonly Draft[],
  pool: ReadonlyMap<string, Held>,
  opts: MispFeedOptions,
): Promise<Json[]> {
  const used = new Set<string>();
  for (const d of drafts) {
    if (d.head && !pool.has(d.head)) continue;
    for (const id of buildFrom(d, pool, opts).used) used.add(id);
  }
  const versions = [...used].map((id) => pool.get(id)!.stored);
  const { allowed } = await decideDisclosure(node, audience, versions, 'feed');
  const sent = new Map(allowed.map((v) => [v.id, { stored: v, object: parseJson(v.json) }]));
  const events: Json[] = [];
  for (const d of drafts) if (!d.head || sent.has(d.head)) events.push(buildFrom(d, sent, opts).event);
  return events;
}

function uuidOf(id: string): string {
  return id.slice(id.indexOf('--') + 2);
}

function headDraft(h: Held): Draft {
  const o = h.object;
  return {
    uuid: uuidOf(h.stored.id),
    head: h.stored.id,
    refs: Array.isArray(o.object_refs)
      ? (o.object_refs as unknown[]).filter((r) => typeof r === 'string')
      : [],
    originator: h.stored.party,
    info: (head) =>
      typeof head?.name === 'string'
        ? head.name
        : typeof head?.summary === 'string'
          ? `${h.stored.party} notification: ${head.summary}`
          : h.stored.id,
  };
}

/** The events of these heads (allowed, unrecorded so far), in batches of bounded size. */
async function* headEvents(
  node: AccordNode,
  audience: Audience,
  heads: readonly Held[],
  opts: MispFeedOptions,
): AsyncGenerator<{ uuid: string; event: Json }> {
  const drafts = heads.map(headDraft);
  for (let i = 0; i < heads.length; ) {
    const batch: Draft[] = [];
    const pool = new Map<string, Held>();
    let refs = 0;
    while (i < heads.length && (batch.length === 0 || refs + drafts[i]!.refs.length <= BATCH_REFS)) {
      refs += drafts[i]!.refs.length;
      batch.push(drafts[i]!);
      pool.set(heads[i]!.stored.id, heads[i]!);
      i++;
    }
    await screen(
      node,
      audience,
      await latestCopiesList(
        node.store.db,
        batch.flatMap((d) => d.refs),
      ),
      pool,
    );
    await withSupport(node, audience, pool);
    const events = await discloseEvents(node, audience, batch, pool, opts);
    for (const event of events) yield { uuid: String((event.Event as Json).uuid), event };
  }
}

/** Pages of the newest heads (reports, notifications) the audience may receive, unrecorded. */
async function* headPages(node: AccordNode, audience: Audience): AsyncGenerator<Held[]> {
  const seen = new Set<string>();
  let after: number | undefined;
  for (;;) {
    const rows = await listVersions(node.store.db, {
      types: HEADS,
      limit: HEAD_PAGE,
      ...(after !== undefined ? { after } : {}),
    });
    if (rows.length === 0) return;
    after = rows.at(-1)!.dateAdded;
    // Several Parties may hold one report id: the first copy the audience may see is its event.
    const allowed = [...(await screen(node, audience, rows)).values()].filter(
      (h) => !seen.has(uuidOf(h.stored.id)),
    );
    for (const h of allowed) seen.add(uuidOf(h.stored.id));
    yield allowed;
    if (rows.length < HEAD_PAGE) return;
  }
}

function looseUuid(party: string): string {
  return derivedUuid('accord-misp-indicators', party);
}

/** The loose event of one Party: its indicators that no head the audience may see cites. */
async function* looseEvent(
  node: AccordNode,
  audience: Audience,
  party: string,
  cited: ReadonlySet<string>,
  opts: MispFeedOptions,
): AsyncGenerator<MispFeedPiece> {
  const uuid = looseUuid(party);
  const info = `Indicators of ${party} not in a report`;
  let newest = -1;
  let after: number | undefined;
  for (;;) {
    const rows = await listVersions(node.store.db, {
      types: ['indicator'],
      party,
      limit: LOOSE_PAGE,
      ...(after !== undefined ? { after } : {}),
    });
    if (rows.length === 0) break;
    after = rows.at(-1)!.dateAdded;
    const pool = await screen(
      node,
      audience,
      rows.filter((v) => !cited.has(v.id)),
    );
    const refs = [...pool.keys()];
    await withSupport(node, audience, pool);
    const draft: Draft = { uuid, head: null, refs, originator: party, info: () => info };
    const [page] = await discloseEvents(node, audience, [draft], pool, opts);
    const ev = page?.Event as Json | undefined;
    const attributes = (ev?.Attribute as Json[] | undefined) ?? [];
    if (attributes.length > 0) {
      newest = Math.max(newest, Number(ev!.timestamp));
      yield { uuid, attributes };
    }
    if (rows.length < LOOSE_PAGE) break;
  }
  if (newest < 0) return;
  const shell = stixToMispEvent({
    uuid,
    info,
    head: null,
    objects: [],
    lookup: new Map(),
    originator: party,
  });
  const timestamp = String(newest);
  const { Attribute: _, ...rest } = shell.Event as Json;
  yield {
    uuid,
    shell: {
      Event: {
        ...rest,
        date: new Date(newest * 1000).toISOString().slice(0, 10),
        timestamp,
        publish_timestamp: timestamp,
      },
    },
  };
}

/** The whole feed, a piece at a time: every head's event, then every Party's loose event. */
export async function* mispFeedPieces(
  node: AccordNode,
  audience: Audience,
  opts: MispFeedOptions = {},
): AsyncGenerator<MispFeedPiece> {
  // Ids only: which indicators a report already carries, so that they are not loose.
  const cited = new Set<string>();
  for await (const heads of headPages(node, audience)) {
    for (const h of heads) for (const r of headDraft(h).refs) cited.add(r);
    yield* headEvents(node, audience, heads, opts);
  }
  for (const party of await partiesHolding(node.store.db, ['indicator']))
    yield* looseEvent(node, audience, party, cited, opts);
}

/** One event of the feed, `{uuid}.json`, built and disclosed alone; nothing when there is none. */
export async function* mispFeedEventPieces(
  node: AccordNode,
  audience: Audience,
  uuid: string,
  opts: MispFeedOptions = {},
): AsyncGenerator<MispFeedPiece> {
  const copies = await latestCopiesList(
    node.store.db,
    HEADS.map((t) => `${t}--${uuid}`),
  );
  copies.sort((a, b) => a.dateAdded - b.dateAdded);
  const heads = [...(await screen(node, audience, copies)).values()];
  if (heads.length > 0) {
    yield* headEvents(node, audience, heads.slice(0, 1), opts);
    return;
  }
  const party = (await partiesHolding(node.store.db, ['indicator'])).find((p) => looseUuid(p) === uuid);
  if (!party) return;
  const cited = new Set<string>();
  for await (const page of headPages(node, audience))
    for (const h of page) for (const r of headDraft(h).refs) cited.add(r);
  yield* looseEvent(node, audience, party, cited, opts);
}

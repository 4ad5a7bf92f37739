import type { AuditActor } from '../audit/chain.js';
import { recordAudit } from '../audit/log.js';
import {
  type Channel,
  createMarkingResolver,
  type Decision,
  type DenyReason,
  decide,
  endpointIds,
  type MarkingInfo,
  type MarkingResolver,
  markingInfoOf,
  type Recipient,
  withEndpoints,
} from '../policy/index.js';
import { jsonTextDeeperThan, LIMITS } from '../stix/limits.js';
import { copyKey, latestCopiesList, type StoredVersion } from '../store/index.js';
import { partiesInForceOn, todayUtc } from './agreement-service.js';
import { cacheSlot } from './caches.js';
import { type Disclosed, takeMinter } from './disclosed.js';
import { effectiveConsents } from './effective-consents.js';
import type { AccordNode } from './node.js';
import { containerRefs, redactFor } from './redaction.js';

export type { Channel } from '../policy/index.js';
export type { Disclosed } from './disclosed.js';

const mint = takeMinter();

/**
 * Who receives a disclosure, and who is asking on their behalf: a user of a Party, a peer
 * node, or — for exports under consent — a third party.
 */
export interface Audience {
  recipient: Recipient;
  actor: AuditActor;
  /** The exercise the request is made in; null for the real world. */
  exercise?: string | null;
}

export function partyAudience(party: string, actor?: AuditActor): Audience {
  return { recipient: { kind: 'party', party }, actor: actor ?? { kind: 'system', id: 'cli', party } };
}

const MARKINGS = cacheSlot('marking definitions', () => new Map<string, MarkingInfo>());

function markingRefs(object: Record<string, unknown>): string[] {
  const refs: string[] = [];
  const omr = object.object_marking_refs;
  if (Array.isArray(omr)) for (const r of omr) if (typeof r === 'string') refs.push(r);
  const gm = object.granular_markings;
  if (Array.isArray(gm)) {
    for (const g of gm) {
      const ref = (g as { marking_ref?: unknown } | null)?.marking_ref;
      if (typeof ref === 'string') refs.push(ref);
    }
  }
  return refs;
}

/**
 * The meaning of a marking an object cites is read from its originator's own copy of the
 * definition only, or from the standard ones (TLP 2.0): ids of Accord's definitions can be
 * computed by anyone, so another Party's copy under the same id must never speak for this
 * originator's objects. Definitions are immutable (STIX 2.1 §7.2.1), so each (originator,
 * id) is cached for the node's lifetime once read. A definition the originator does not hold
 * resolves to nothing, which the policy treats as unreadable: only the originator then sees
 * the object.
 */
async function resolverFor(
  node: AccordNode,
  objects: readonly { party: string; object: Record<string, unknown> }[],
): Promise<(originator: string) => MarkingResolver> {
  const cache = node.caches.get(MARKINGS);
  const known = createMarkingResolver([]);
  const missing = new Set<string>();
  for (const { party, object } of objects)
    for (const r of markingRefs(object)) if (!known(r) && !cache.has(copyKey(party, r))) missing.add(r);
  if (missing.size > 0) {
    // Every copy is read, and each is filed under its own Party; a Party's copy speaks only for it.
    for (const v of await latestCopiesList(node.store.db, [...missing]))
      if (v.type === 'marking-definition')
        cache.set(copyKey(v.party, v.id), markingInfoOf(JSON.parse(v.json)));
  }
  const c = cache;
  return (originator) => (id) => known(id) ?? c.get(copyKey(originator, id.toLowerCase()));
}

/** The highest classification rank a Party's recipients may receive. */
export function accreditationOf(node: AccordNode): (party: string) => number {
  const declared = node.settings.accreditations ?? {};
  return (party) => declared[party] ?? (party === node.settings.party ? node.settings.accreditation : 0);
}

export interface DisclosureOutcome {
  /** What the audience may receive, each its reader's copy (see redaction.ts), branded by the gate. */
  allowed: Disclosed<StoredVersion>[];
  denied: { version: StoredVersion; reason: DenyReason; message: string }[];
}

/**
 * THE way out: every route, feed, export and peer path asks here which of the versions
 * it is about to send the audience may receive, and sends only those. Each decision is
 * the policy's `decide`; the disclosures of one Party's information to another are
 * written to the audit log before this returns, so nothing leaves unrecorded.
 */
export async function decideDisclosure(
  node: AccordNode,
  audience: Audience,
  versions: readonly StoredVersion[],
  channel: Channel,
  date: string = todayUtc(),
  opts: {
    /** `false`: the caller audits on delivery instead (federation audits on the peer's ack). */
    audit?: boolean;
    /**
     * A commit stamp the caller read after its request began (see `effectiveConsents`):
     * consents read under an equal stamp are still current. Never one kept from earlier.
     */
    stamp?: string | undefined;
  } = {},
): Promise<DisclosureOutcome> {
  const outcome: DisclosureOutcome = { allowed: [], denied: [] };
  if (versions.length === 0) return outcome;
  if (versions.every((v) => v.published)) return publishedOutcome(audience, versions, channel, date);
  const objects = versions.map((v) => JSON.parse(v.json) as Record<string, unknown>);

  // The ends of relationships and sightings are decided too: an edge may not outrun them.
  // Every Party's copy of an end counts, whether in this batch or only in the store; so do
  // the ids a container lists, which its reader's copy names only where it may see them.
  const wanted = new Set<string>();
  for (const o of objects) for (const id of endpointIds(o)) wanted.add(id.toLowerCase());
  for (const id of containerRefs(audience, versions, objects, channel)) wanted.add(id.toLowerCase());
  // A copy in the batch is decided as the batch has it; the store adds the other copies.
  const inBatch = new Set(versions.map((v) => copyKey(v.party, v.id)));
  const endpoints = (wanted.size > 0 ? await latestCopiesList(node.store.db, [...wanted]) : []).filter(
    (v) => !inBatch.has(copyKey(v.party, v.id)),
  );
  const endpointObjects = endpoints.map((v) => JSON.parse(v.json) as Record<string, unknown>);

  const [partiesInForce, markings, consents] = await Promise.all([
    partiesInForceOn(node, date),
    resolverFor(node, [
      ...versions.map((v, i) => ({ party: v.party, object: objects[i]! })),
      ...endpoints.map((v, i) => ({ party: v.party, object: endpointObjects[i]! })),
    ]),
    effectiveConsents(node, opts.stamp),
  ]);
  const accreditation = accreditationOf(node);
  const decideVersion = (v: StoredVersion, object: Record<string, unknown>): Decision =>
    decide({
      recipient: audience.recipient,
      version: {
        id: v.id,
        modified: v.modified,
        originator: v.party,
        object,
        exercise: v.exercise,
        ...(v.published ? { published: true } : {}),
      },
      channel,
      date,
      holder: node.settings.party,
      partiesInForce,
      accreditation,
      markings: markings(v.party),
      consents,
      exercise: audience.exercise ?? null,
    });
  const own = versions.map((v, i) => decideVersion(v, objects[i]!));
  // An end is visible when any copy of it is: each copy is its own Party's object.
  const copiesOf = new Map<string, Decision[]>();
  const addCopy = (id: string, d: Decision) => copiesOf.set(id, [...(copiesOf.get(id) ?? []), d]);
  versions.forEach((v, i) => {
    if (wanted.has(v.id)) addCopy(v.id, own[i]!);
  });
  endpoints.forEach((v, i) => {
    addCopy(v.id, decideVersion(v, endpointObjects[i]!));
  });
  const endpointDecision = (id: string): Decision | undefined => {
    const ds = copiesOf.get(id.toLowerCase());
    return ds?.find((d) => d.allow) ?? ds?.[0];
  };

  const disclosed: { id: string; version: string; originator: string; reason: string; consent?: string }[] =
    [];
  versions.forEach((v, i) => {
    // A row deeper than the door admits was stored by an older version: no reader can be
    // trusted to load it, so it is served to nobody (the index reports it at /readyz).
    if (jsonTextDeeperThan(v.json, LIMITS.jsonDepth)) {
      outcome.denied.push({
        version: v,
        reason: 'invalid-input',
        message: `stored object ${v.id} nests deeper than ${LIMITS.jsonDepth} levels (docs/security.md, "Limits")`,
      });
      return;
    }
    const d = withEndpoints(
      own[i]!,
      objects[i]!,
      endpointDecision,
      channel === 'federation' ? 'pass' : 'withhold',
    );
    if (!d.allow) {
      outcome.denied.push({ version: v, reason: d.reason, message: d.message });
      return;
    }
    outcome.allowed.push(mint(redactFor(audience, channel, v, objects[i]!, endpointDecision)));
    const mine = audience.recipient.kind === 'party' && audience.recipient.party === v.party;
    // A published definition is nobody's information: nothing crossed from one Party to another.
    if (!mine && !v.published) {
      disclosed.push({
        id: v.id,
        version: v.modified,
        originator: v.party,
        reason: d.reason,
        ...(d.consentId ? { consent: d.consentId } : {}),
      });
    }
  });
  if (disclosed.length > 0 && opts.audit !== false) {
    // One entry per response keeps the chain proportionate to traffic while naming every
    // object version that crossed from one Party to another.
    await recordAudit(node, [
      {
        at: new Date().toISOString(),
        actor: audience.actor,
        action: 'disclosure',
        details: {
          recipient: audience.recipient,
          holder: node.settings.party,
          channel,
          date,
          objects: disclosed,
          withheld: outcome.denied.length,
        },
      },
    ]);
  }
  return outcome;
}

/**
 * The versions the gate would let the audience receive, as they are stored, without
 * disclosing or recording anything: for a pager choosing which rows to serve. What is served
 * must still pass `disclosable`.
 */
export async function screenVersions(
  node: AccordNode,
  audience: Audience,
  versions: readonly StoredVersion[],
  channel: Channel,
): Promise<StoredVersion[]> {
  const outcome = await decideDisclosure(node, audience, versions, channel, todayUtc(), { audit: false });
  const denied = new Set(outcome.denied.map((d) => d.version));
  return versions.filter((v) => !denied.has(v));
}

/**
 * A batch of published definitions only (src/exchange/definitions.ts), the head of a
 * collection: each is still decided by the policy, which allows them before it needs the
 * agreement, markings or consents, so none of those is loaded; nothing is audited.
 */
function publishedOutcome(
  audience: Audience,
  versions: readonly StoredVersion[],
  channel: Channel,
  date: string,
): DisclosureOutcome {
  const outcome: DisclosureOutcome = { allowed: [], denied: [] };
  const markings = createMarkingResolver([]);
  for (const v of versions) {
    const d = decide({
      recipient: audience.recipient,
      version: { id: v.id, modified: v.modified, originator: v.party, object: {}, published: true },
      channel,
      date,
      holder: v.party,
      partiesInForce: new Set(),
      accreditation: () => 0,
      markings,
      consents: [],
      exercise: audience.exercise ?? null,
    });
    if (d.allow) outcome.allowed.push(mint(v));
    else outcome.denied.push({ version: v, reason: d.reason, message: d.message });
  }
  return outcome;
}

/** The versions the audience may receive, in the order given. */
export async function disclosable(
  node: AccordNode,
  audience: Audience,
  versions: readonly StoredVersion[],
  channel: Channel,
): Promise<Disclosed<StoredVersion>[]> {
  return (await decideDisclosure(node, audience, versions, channel)).allowed;
}

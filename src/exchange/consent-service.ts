// Written consent of Article 10, across nodes. The Party that wants to pass on another Party's
// information asks on its own node; the request travels as a signed x-accord-consent object to
// the originating Party's node, whose liaison officers alone decide; the decision travels back
// as an object signed by that node. A node therefore only ever holds decisions made by liaison
// officers of its own Party or received, signature-checked, from a node of the grantor: a
// "consent" typed in on the requester's node by a user claiming the grantor's Party is refused.

import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { consentBody } from '../audit/entries.js';
import { recordAudit, writeWithAudit } from '../audit/log.js';
import { AccordError } from '../errors.js';
import { decideDisclosure, partyAudience } from '../node/disclosure.js';
import { partyIdentity } from '../node/identity.js';
import { importStix, refusal } from '../node/ingest.js';
import type { AccordNode } from '../node/node.js';
import {
  type Consent,
  type ConsentResult,
  consentFromStix,
  consentToStix,
  type Recipient,
  releasabilityMarking,
  requestConsent,
  TLP2_IDS,
  transitionConsent,
} from '../policy/index.js';
import {
  getConsent,
  latestCopiesList,
  listConsentsFor,
  type StoredVersion,
  saveConsent,
  type User,
} from '../store/index.js';
import { heldFrom } from './records.js';
import { refuseWithdrawn } from './withdrawal.js';

export interface ConsentAsk {
  objectIds: string[];
  recipient: Recipient;
  purpose: string;
  validUntil: string;
}

function unwrap(r: ConsentResult): Consent {
  if (r.ok) return r.consent;
  const code =
    r.code === 'not-authorised'
      ? 'ACCORD_FORBIDDEN'
      : r.code === 'illegal-transition'
        ? 'ACCORD_CONFLICT'
        : 'ACCORD_VALIDATION';
  throw new AccordError(code, r.message);
}

function actorOf(user: User) {
  return { id: user.name, party: user.party, liaison: user.role === 'liaison' };
}

// The decision is an object of the grantor's, so it cannot share the request's id, which the
// requester owns; it is derived from it, and names the request in `request_ref`.
const DECISION_NAMESPACE = '5b0f3c52-6f0e-4a53-9d5e-2f3b6d0c8a41';

export function decisionId(requestId: string): string {
  return `x-accord-consent--${uuidv5(`decision:${requestId}`, DECISION_NAMESPACE)}`;
}

/**
 * Publishes a consent object of `party` (signed by this node), released to the requester and
 * the grantor only: who asks whom about what is itself restricted information.
 */
async function publishConsent(node: AccordNode, party: string, stix: Record<string, unknown>, c: Consent) {
  const rel = releasabilityMarking([...new Set([c.requester, c.grantor])].sort(), [], {
    createdByRef: partyIdentity(party),
  });
  // The node's key signs for the node's own Party only (see records.ts publish).
  const source = { party, sourceNode: node.settings.nodeId, sign: party === node.settings.party };
  const md = await importStix(node, source, rel);
  if (!md.ok) throw refusal(md);
  const r = await importStix(node, source, {
    ...stix,
    object_marking_refs: [TLP2_IDS.amber, rel.id as string],
  });
  if (!r.ok) throw refusal(r);
}

/**
 * A Party asks the originator of objects it holds for written consent to pass them to a
 * third party. The objects must be ones the asking Party may see: asking about an object
 * one cannot see is answered as if it did not exist. When the originator is another Party,
 * the request goes to its node.
 */
export async function askConsent(node: AccordNode, user: User, ask: ConsentAsk): Promise<Consent> {
  const ids = ask.objectIds.map((id) => id.toLowerCase());
  const copies = await latestCopiesList(node.store.db, ids);
  const visible = (await decideDisclosure(node, partyAudience(user.party), copies, 'rest')).allowed;
  // Another Party's copy is what a consent is about; the asker's own copy needs none.
  const chosen = new Map<string, StoredVersion>();
  for (const v of visible) {
    const cur = chosen.get(v.id);
    if (!cur || (cur.party === user.party && v.party !== user.party)) chosen.set(v.id, v);
  }
  const unseen = ids.find((id) => !chosen.has(id));
  if (unseen !== undefined) throw new AccordError('ACCORD_NOT_FOUND', `no object ${unseen}`);
  const versions = ids.map((id) => chosen.get(id)!);
  const originators = new Set(versions.map((v) => v.party));
  if (originators.size > 1) {
    throw new AccordError(
      'ACCORD_VALIDATION',
      `the objects come from ${[...originators].join(', ')}: ask each originating Party in a request of its own`,
    );
  }
  const grantor = [...originators][0]!;
  if (grantor === user.party) {
    throw new AccordError(
      'ACCORD_VALIDATION',
      `${user.party} originated these objects: it needs no consent of its own`,
    );
  }
  await refuseWithdrawn(node, [grantor], 'a new consent request');
  const consent = unwrap(
    requestConsent(
      { id: `x-accord-consent--${randomUUID()}`, requester: user.party, grantor, ...ask, objectIds: ids },
      actorOf(user),
      new Date().toISOString(),
    ),
  );
  // Only the node's own Party speaks through its key: a request of another Party's user on
  // this node (single-node or training use) stays here, where the grantor decides it.
  if (consent.requester === node.settings.party && consent.grantor !== node.settings.party) {
    const stix = consentToStix(consent, {
      createdByRef: partyIdentity(consent.requester),
      created: consent.requestedAt,
      modified: consent.requestedAt,
    });
    await publishConsent(node, consent.requester, stix, consent);
  }
  await writeWithAudit(
    node,
    [consentBody(consent, consent.requestedAt, { kind: 'user', id: user.name, party: user.party })],
    (db) => saveConsent(db, consent),
  );
  return consent;
}

export type ConsentDecision = { type: 'grant' } | { type: 'refuse'; reason?: string } | { type: 'withdraw' };

/** What a Party may see of consents: those it asked for and those it must decide. */
export async function visibleConsent(node: AccordNode, party: string, id: string): Promise<Consent> {
  const c = await getConsent(node.store.db, id);
  if (!c || (c.requester !== party && c.grantor !== party))
    throw new AccordError('ACCORD_NOT_FOUND', `no consent ${id}`);
  return c;
}

export async function listConsents(node: AccordNode, party: string): Promise<Consent[]> {
  return listConsentsFor(node.store.db, party);
}

/**
 * A liaison officer of the originating Party decides, on a node of that Party. A decision is
 * written consent in the sense of Article 10: it is stored as an x-accord-consent object signed
 * by this node and sent to the requester's node, which verifies the signature before relying on
 * it. A user of another Party on this node cannot decide for its Party here: only the grantor's
 * own node can sign for it.
 */
export async function decideConsent(
  node: AccordNode,
  user: User,
  id: string,
  d: ConsentDecision,
): Promise<Consent> {
  const current = await visibleConsent(node, user.party, id);
  if (current.grantor !== node.settings.party && user.party === current.grantor) {
    throw new AccordError(
      'ACCORD_FORBIDDEN',
      `only a node of ${current.grantor} can sign ${current.grantor}'s consent; this node belongs to ${node.settings.party}, so the decision must be made on ${current.grantor}'s own node`,
    );
  }
  const at = new Date().toISOString();
  const next = unwrap(
    transitionConsent(current, { ...d, at } as Parameters<typeof transitionConsent>[1], actorOf(user)),
  );
  // A withdrawal is a new version of the decision object: same id, first made at the grant.
  const created = next.status === 'withdrawn' ? next.grantedAt : at;
  const stix = consentToStix(next, { createdByRef: partyIdentity(next.grantor), created, modified: at });
  const decision = { ...stix, id: decisionId(next.id), request_ref: next.id };
  await publishConsent(node, next.grantor, decision, next);
  // The decision as stored and its audit entry: one transaction.
  await writeWithAudit(
    node,
    [consentBody(next, at, { kind: 'user', id: user.name, party: user.party })],
    (db) => saveConsent(db, next),
  );
  return next;
}

/**
 * A consent object arrived from a peer (federation checked the origin node's signature and
 * that the node belongs to the object's originator). A request addressed to this node's Party
 * becomes a request its liaison officers decide; a decision of the grantor on a request this
 * node's Party made updates that request. Anything else is ignored: a node relays consents it
 * is not party to, but never acts on them.
 */
export async function receiveConsent(node: AccordNode, o: Record<string, unknown>): Promise<void> {
  const here = node.settings.party;
  const c = consentFromStix(o);
  if (!c) return;
  const node_ = { kind: 'node' as const, id: 'federation', party: here };
  if (c.status === 'requested') {
    if (c.grantor !== here || c.requester === here) return;
    if (!(await heldFrom(node, o, c.requester))) return;
    if (await getConsent(node.store.db, c.id)) return;
    await saveConsent(node.store.db, c);
    await recordAudit(node, [consentBody(c, new Date().toISOString(), { ...node_, party: c.requester })]);
    return;
  }
  const requestId = typeof o.request_ref === 'string' ? o.request_ref : undefined;
  if (!requestId || o.id !== decisionId(requestId) || c.requester !== here || c.grantor === here) return;
  // The decision counts only as the grantor's own object, received from the grantor's node.
  if (!(await heldFrom(node, o, c.grantor))) return;
  const mine = await getConsent(node.store.db, requestId);
  if (!mine || mine.grantor !== c.grantor || mine.requester !== here) return;
  // A decision about what was asked, not about something else under the request's name.
  const same =
    JSON.stringify([...mine.objectIds].sort()) === JSON.stringify([...c.objectIds].sort()) &&
    JSON.stringify(mine.recipient) === JSON.stringify(c.recipient) &&
    mine.validUntil === c.validUntil;
  if (!same) return;
  const rank = { requested: 0, granted: 1, refused: 1, withdrawn: 2 } as const;
  // Already recorded (a retried receipt): no second save, no second audit entry.
  if (rank[c.status] < rank[mine.status] || c.status === mine.status) return;
  const decided = { ...c, id: requestId } as Consent;
  await saveConsent(node.store.db, decided);
  await recordAudit(node, [consentBody(decided, new Date().toISOString(), { ...node_, party: c.grantor })]);
}

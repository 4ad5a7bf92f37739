import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { consentBody } from '../audit/entries.js';
import { recordAudit } from '../audit/log.js';
import { AccordError } from '../errors.js';
import { importStix, refusal } from '../intel/import-stix.js';
import {
  type Consent,
  type ConsentResult,
  consentToStix,
  type Recipient,
  requestConsent,
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
import { decideDisclosure, partyAudience } from './disclosure.js';
import type { AccordNode } from './node.js';

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

/**
 * A Party asks the originator of objects it holds for written consent to pass them to a
 * third party. The objects must be ones the asking Party may see: asking about an object
 * one cannot see is answered as if it did not exist.
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
  const consent = unwrap(
    requestConsent(
      { id: `x-accord-consent--${randomUUID()}`, requester: user.party, grantor, ...ask, objectIds: ids },
      actorOf(user),
      new Date().toISOString(),
    ),
  );
  await saveConsent(node.store.db, consent);
  await recordAudit(node, [
    consentBody(consent, consent.requestedAt, { kind: 'user', id: user.name, party: user.party }),
  ]);
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
 * A liaison officer of the originating Party decides. A grant is written consent in the
 * sense of Article 10: it is stored as an x-accord-consent object signed by this node.
 */
export async function decideConsent(
  node: AccordNode,
  user: User,
  id: string,
  d: ConsentDecision,
): Promise<Consent> {
  const current = await visibleConsent(node, user.party, id);
  const at = new Date().toISOString();
  const next = unwrap(
    transitionConsent(current, { ...d, at } as Parameters<typeof transitionConsent>[1], actorOf(user)),
  );
  if (next.status === 'granted' || next.status === 'withdrawn') {
    const stix = consentToStix(next, {
      createdByRef: partyIdentity(next.grantor),
      created: next.requestedAt,
      modified: at,
    });
    const result = await importStix(
      node,
      { party: next.grantor, sourceNode: node.settings.nodeId, sign: true },
      stix,
    );
    if (!result.ok) throw refusal(result);
  }
  await saveConsent(node.store.db, next);
  await recordAudit(node, [consentBody(next, at, { kind: 'user', id: user.name, party: user.party })]);
  return next;
}

// UUIDv5 namespace for the identities Accord derives for Parties.
const PARTY_NAMESPACE = '11b45238-b7f0-44b7-9323-9d20da4fbdc6';

/** A stable identity id per Party, so the objects a node makes say who made them. */
export function partyIdentity(party: string): string {
  return `identity--${uuidv5(`party:${party}`, PARTY_NAMESPACE)}`;
}

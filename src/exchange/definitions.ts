// The definitions Accord publishes: what objects refer to by id and a consumer must be able to
// fetch, or it sees dangling references — the TLP 2.0 marking-definitions (OASIS ids), Accord's
// extension-definitions (its markings, consents and exchange types), Accord's own identity and
// an identity for each Party of the Agreement (the `created_by_ref` of everything a Party makes).
//
// They are served by id and at the head of every collection, as versions the gate decides
// like any other (they are allowed to everyone: policy reason `published-definition`). They
// are not stored: a row in the store under one of these ids is someone's copy, decided as such.

import type { AgreementDefinition } from '../agreement/index.js';
import { loadAgreement } from '../node/agreement-service.js';
import { partyIdentity } from '../node/identity.js';
import type { AccordNode } from '../node/node.js';
import type { PageSource } from '../node/pager.js';
import {
  ACCORD_IDENTITY_ID,
  ACCORD_MARKING_EXTENSION_DEFINITION,
  CONSENT_EXTENSION_DEFINITION,
  TLP_ORDER,
  TLP2_MARKING_DEFINITIONS,
} from '../policy/index.js';
import { canonicalJson, sha256Hex } from '../stix/canonical.js';
import { isoToMicros, microsToIso, type StoredVersion } from '../store/index.js';
import { EXCHANGE_TYPES } from './types/index.js';

const CREATED = '2025-01-01T00:00:00.000Z';

/** Published definitions take date_added positions below this (microseconds after the epoch). */
export const PUBLISHED_POSITIONS = 1_000;

function identity(id: string, name: string, identityClass: string, description: string) {
  return {
    type: 'identity',
    spec_version: '2.1',
    id,
    created_by_ref: ACCORD_IDENTITY_ID,
    created: CREATED,
    modified: CREATED,
    name,
    description,
    identity_class: identityClass,
  };
}

/** The published definitions for an Agreement's Parties, in the order they are listed. */
export function publishedDefinitionObjects(agreement: AgreementDefinition): Record<string, unknown>[] {
  return [
    ...TLP_ORDER.map((level) => TLP2_MARKING_DEFINITIONS[level] as Record<string, unknown>),
    identity(
      ACCORD_IDENTITY_ID,
      'Accord',
      'system',
      'The Accord information-exchange system: it publishes the extension-definitions of the types and markings its nodes exchange.',
    ),
    ...agreement.parties.map((p) =>
      identity(
        partyIdentity(p.code),
        p.name.en,
        'organization',
        `${p.name.en} (${p.code}), a Party to the Agreement: the competent authorities of this Party and their national Accord node.`,
      ),
    ),
    ACCORD_MARKING_EXTENSION_DEFINITION as Record<string, unknown>,
    CONSENT_EXTENSION_DEFINITION as Record<string, unknown>,
    ...EXCHANGE_TYPES.map((t) => t.extensionDefinition as Record<string, unknown>),
  ];
}

// The canonical texts depend only on the agreement's definition, which a node loads once and
// keeps: kept beside it, they are not rebuilt for every first page of a collection.
const TEXTS = new WeakMap<AgreementDefinition, string[]>();

function canonicalTexts(definition: AgreementDefinition): string[] {
  let texts = TEXTS.get(definition);
  if (!texts) {
    texts = publishedDefinitionObjects(definition).map((o) => canonicalJson(o));
    TEXTS.set(definition, texts);
  }
  return texts;
}

/**
 * The published definitions as versions for the gate. Their date_added positions are 1…N
 * microseconds after the epoch, before anything a store holds, so they lead every collection
 * and a client that resumes from a later date_added does not see them again.
 */
export async function publishedVersions(node: AccordNode): Promise<StoredVersion[]> {
  const { definition } = await loadAgreement(node);
  const texts = canonicalTexts(definition);
  return publishedDefinitionObjects(definition).map((o, i) => {
    const json = texts[i]!;
    return {
      party: node.settings.party,
      id: o.id as string,
      // The store keeps versions to the microsecond, as TAXII prints them.
      modified: microsToIso(isoToMicros((o.modified ?? o.created) as string)!),
      type: o.type as string,
      dateAdded: i + 1,
      sourceNode: node.settings.nodeId,
      contentHash: sha256Hex(json),
      revoked: false,
      latest: true,
      exercise: null,
      signature: null,
      json,
      published: true,
    };
  });
}

/** The published definition with this id, as a one-version list (empty when there is none). */
export async function publishedVersionsOf(node: AccordNode, id: string): Promise<StoredVersion[]> {
  const lower = id.toLowerCase();
  return (await publishedVersions(node)).filter((v) => v.id === lower);
}

export interface PublishedFilter {
  ids?: readonly string[];
  types?: readonly string[];
}

/**
 * `source` with the published definitions that match `filter` ahead of its rows. A copy the
 * store holds under the same id (a bundle that carried TLP definitions) is listed as well, in
 * its place: it is its Party's object, which the gate decides on its own markings.
 */
export function withPublished(
  source: PageSource<StoredVersion>,
  published: readonly StoredVersion[],
  filter: PublishedFilter,
): PageSource<StoredVersion> {
  const ids = filter.ids?.map((i) => i.toLowerCase());
  const defs = published.filter(
    (v) => (!ids || ids.includes(v.id)) && (!filter.types || filter.types.includes(v.type)),
  );
  if (defs.length === 0) return source;
  const last = defs.at(-1)!.dateAdded;
  return {
    horizon: (after, budget) => source.horizon(after, budget),
    async fetch(after, until, limit) {
      const head = defs.filter((v) => v.dateAdded > (after ?? 0)).slice(0, limit);
      if (head.length === limit) return head;
      const from = after === undefined || after < last ? last : after;
      const rows = await source.fetch(from, until, limit - head.length);
      return [...head, ...rows];
    },
    position: (row) => source.position(row),
  };
}

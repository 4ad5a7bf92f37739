// Accord's own marking-definitions, declared by one STIX extension-definition so that a
// STIX tool that knows nothing of Accord still reads valid marking-definitions. Three kinds:
// restricted access under the originating Party's legislation, classification, releasability.
// Ids are UUIDv5 of the marking's maker and content, so making the same marking twice gives
// the same id, and a marking never changes meaning under an id.

import { v5 as uuidv5 } from 'uuid';
import { canonicalJson } from '../stix/canonical.js';
import { classificationRank, UNKNOWN_CLASSIFICATION_RANK } from './classification-levels.js';

export const ACCORD_IDENTITY_ID = 'identity--11b45238-b7f0-44b7-9323-9d20da4fbdc6';
export const ACCORD_MARKING_EXTENSION_ID = 'extension-definition--73a37265-c99d-43e1-aaf0-59e07c815678';
const MARKING_ID_NAMESPACE = '024739fd-850e-4855-986a-668b776f3e4d';
const CREATED = '2025-01-01T00:00:00.000Z';

export const ACCORD_MARKING_EXTENSION_DEFINITION: Readonly<Record<string, unknown>> = Object.freeze({
  type: 'extension-definition',
  spec_version: '2.1',
  id: ACCORD_MARKING_EXTENSION_ID,
  created_by_ref: ACCORD_IDENTITY_ID,
  created: CREATED,
  modified: CREATED,
  name: 'Accord marking-definitions',
  description:
    'Dissemination markings of the 2017 CSTO Agreement on cooperation in information security, ' +
    'Article 10: restricted access under the originating Party’s legislation, classification ' +
    'levels compared through the equivalence table of the 2004 CSTO agreement on classified ' +
    'information, and releasability to Parties or named recipients.',
  schema:
    'JSON Schema (in words): a property-extension on marking-definition with marking_type one of ' +
    '"restricted-access" {party: Party code, designation: {native, en}}, ' +
    '"classification" {party, level: the Party’s own stamp, rank: 1..3}, ' +
    '"releasability" {parties: [Party codes], recipients?: [identity ids of named recipients]}.',
  version: '1.0.0',
  extension_types: ['property-extension'],
});

export interface Designation {
  /** The Party's own wording, e.g. «для служебного пользования». */
  native: string;
  en: string;
}

export type AccordMarking =
  | { kind: 'restricted-access'; party: string; designation: Designation }
  | { kind: 'classification'; party: string; level: string; rank: number }
  | { kind: 'releasability'; parties: readonly string[]; recipients: readonly string[] };

export interface MarkingOptions {
  createdByRef?: string;
  created?: string;
}

function derivedId(createdByRef: string, body: Readonly<Record<string, unknown>>): string {
  return `marking-definition--${uuidv5(canonicalJson({ createdByRef, body }), MARKING_ID_NAMESPACE)}`;
}

/**
 * The id an Accord marking-definition must have: the one its maker and content derive to.
 * `undefined` for a marking-definition that is not Accord's. A definition under any other id
 * is refused, so an id can never be made to stand for content other than its own.
 */
export function expectedAccordMarkingId(md: Readonly<Record<string, unknown>>): string | undefined {
  const ext = (md.extensions as Record<string, unknown> | undefined)?.[ACCORD_MARKING_EXTENSION_ID];
  if (ext === undefined || md.type !== 'marking-definition') return undefined;
  const createdByRef = typeof md.created_by_ref === 'string' ? md.created_by_ref : ACCORD_IDENTITY_ID;
  return derivedId(createdByRef, (ext ?? {}) as Record<string, unknown>);
}

function markingDefinition(
  name: string,
  content: Record<string, unknown>,
  opts: MarkingOptions = {},
): Record<string, unknown> {
  const body = { extension_type: 'property-extension', ...content };
  const createdByRef = opts.createdByRef ?? ACCORD_IDENTITY_ID;
  // The maker is part of the name, so two makers of the same marking never share an id
  // with different created_by_ref (marking-definitions are immutable: one id, one object).
  const id = derivedId(createdByRef, body);
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id,
    created: opts.created ?? CREATED,
    created_by_ref: createdByRef,
    name,
    extensions: { [ACCORD_MARKING_EXTENSION_ID]: body },
  };
}

export function restrictedAccessMarking(
  party: string,
  designation: Designation,
  opts?: MarkingOptions,
): Record<string, unknown> {
  return markingDefinition(
    `${party}: ${designation.native}`,
    {
      marking_type: 'restricted-access',
      party,
      designation: { native: designation.native, en: designation.en },
    },
    opts,
  );
}

/** Throws on a stamp that is not in the equivalence table: such a marking must not be made. */
export function classificationMarking(
  party: string,
  level: string,
  opts?: MarkingOptions,
): Record<string, unknown> {
  const rank = classificationRank(party, level);
  if (rank === undefined) throw new RangeError(`${party} has no classification level «${level}»`);
  return markingDefinition(
    `${party}: ${level}`,
    { marking_type: 'classification', party, level, rank },
    opts,
  );
}

export function releasabilityMarking(
  parties: readonly string[],
  recipients: readonly string[] = [],
  opts?: MarkingOptions,
): Record<string, unknown> {
  const p = [...new Set(parties)].sort();
  const r = [...new Set(recipients)].sort();
  const content: Record<string, unknown> = { marking_type: 'releasability', parties: p };
  if (r.length > 0) content.recipients = r;
  const label = [...p, ...r].join(', ') || 'nobody';
  return markingDefinition(`REL TO ${label}`, content, opts);
}

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

/**
 * Reads an Accord marking-definition. `undefined`: not an Accord marking at all; `'invalid'`:
 * it claims to be one but is malformed, which the caller must treat as unknown (fail closed).
 */
export function parseAccordMarking(
  md: Readonly<Record<string, unknown>>,
): AccordMarking | 'invalid' | undefined {
  const ext = (md.extensions as Record<string, unknown> | undefined)?.[ACCORD_MARKING_EXTENSION_ID];
  if (ext === undefined) return undefined;
  if (!ext || typeof ext !== 'object') return 'invalid';
  const e = ext as Record<string, unknown>;
  switch (e.marking_type) {
    case 'restricted-access': {
      const d = e.designation as Record<string, unknown> | undefined;
      if (typeof e.party !== 'string' || typeof d?.native !== 'string' || typeof d.en !== 'string')
        return 'invalid';
      return { kind: 'restricted-access', party: e.party, designation: { native: d.native, en: d.en } };
    }
    case 'classification': {
      if (typeof e.party !== 'string' || typeof e.level !== 'string') return 'invalid';
      // The table, not the sender's number, decides the rank; where they disagree or the
      // stamp is unknown, the highest reading wins.
      const fromTable = classificationRank(e.party, e.level) ?? UNKNOWN_CLASSIFICATION_RANK;
      const claimed = typeof e.rank === 'number' && Number.isFinite(e.rank) ? e.rank : 0;
      return { kind: 'classification', party: e.party, level: e.level, rank: Math.max(fromTable, claimed) };
    }
    case 'releasability': {
      const parties = strings(e.parties);
      const recipients = e.recipients === undefined ? [] : strings(e.recipients);
      if (!parties || !recipients) return 'invalid';
      return { kind: 'releasability', parties, recipients };
    }
    default:
      return 'invalid';
  }
}

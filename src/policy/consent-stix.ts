// The x-accord-consent STIX object: a new SDO declared by Accord's extension-definition, so
// a consent travels between nodes like any other object and carries the grantor's signature
// (applied elsewhere, over the canonical JSON of this object).

import { ACCORD_IDENTITY_ID } from './accord-markings.js';
import type { Consent } from './consent.js';
import type { Recipient } from './recipient.js';

export const CONSENT_TYPE = 'x-accord-consent';
export const CONSENT_EXTENSION_ID = 'extension-definition--cf685d4d-4b87-41a7-aaab-d0769c3298c9';
const CREATED = '2025-01-01T00:00:00.000Z';

export const CONSENT_EXTENSION_DEFINITION: Readonly<Record<string, unknown>> = Object.freeze({
  type: 'extension-definition',
  spec_version: '2.1',
  id: CONSENT_EXTENSION_ID,
  created_by_ref: ACCORD_IDENTITY_ID,
  created: CREATED,
  modified: CREATED,
  name: 'Accord consent',
  description:
    'Written consent of the originating Party to pass its information to a third party ' +
    '(Article 10 of the 2017 CSTO Agreement on cooperation in information security).',
  schema:
    'JSON Schema (in words): x-accord-consent has status (requested|granted|refused|withdrawn), ' +
    'object_refs, requester and grantor (Party codes), recipient {kind: party|third-party, party|id, name?}, ' +
    'purpose, valid_until (date), requested_at/by, and granted_at/by, refused_at/by, refusal_reason, ' +
    'withdrawn_at/by as the status requires.',
  version: '1.0.0',
  extension_types: ['new-sdo'],
});

/** Who made the object and when: the caller's, since consent ids and times are not ours to invent. */
export interface ConsentStixOptions {
  createdByRef: string;
  created: string;
  modified: string;
}

const FIELDS: readonly (readonly [string, string])[] = [
  ['requestedAt', 'requested_at'],
  ['requestedBy', 'requested_by'],
  ['grantedAt', 'granted_at'],
  ['grantedBy', 'granted_by'],
  ['refusedAt', 'refused_at'],
  ['refusedBy', 'refused_by'],
  ['refusalReason', 'refusal_reason'],
  ['withdrawnAt', 'withdrawn_at'],
  ['withdrawnBy', 'withdrawn_by'],
];

export function consentToStix(consent: Consent, opts: ConsentStixOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: CONSENT_TYPE,
    spec_version: '2.1',
    id: consent.id,
    created_by_ref: opts.createdByRef,
    created: opts.created,
    modified: opts.modified,
    status: consent.status,
    object_refs: [...consent.objectIds],
    requester: consent.requester,
    grantor: consent.grantor,
    recipient: { ...consent.recipient },
    purpose: consent.purpose,
    valid_until: consent.validUntil,
  };
  for (const [field, prop] of FIELDS) {
    const v = (consent as unknown as Record<string, unknown>)[field];
    if (v !== undefined) out[prop] = v;
  }
  out.extensions = { [CONSENT_EXTENSION_ID]: { extension_type: 'new-sdo' } };
  return out;
}

function str(o: Record<string, unknown>, k: string): string | undefined {
  const v = o[k];
  return typeof v === 'string' ? v : undefined;
}

function recipientOf(v: unknown): Recipient | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const r = v as Record<string, unknown>;
  if (r.kind === 'party' && typeof r.party === 'string') return { kind: 'party', party: r.party };
  if (r.kind === 'third-party' && typeof r.id === 'string') {
    return typeof r.name === 'string'
      ? { kind: 'third-party', id: r.id, name: r.name }
      : { kind: 'third-party', id: r.id };
  }
  return undefined;
}

/** Reads an x-accord-consent object; undefined when it is not one or lacks what its status needs. */
export function consentFromStix(o: Record<string, unknown>): Consent | undefined {
  if (o.type !== CONSENT_TYPE) return undefined;
  const id = str(o, 'id');
  const requester = str(o, 'requester');
  const grantor = str(o, 'grantor');
  const purpose = str(o, 'purpose');
  const validUntil = str(o, 'valid_until');
  const requestedAt = str(o, 'requested_at');
  const requestedBy = str(o, 'requested_by');
  const recipient = recipientOf(o.recipient);
  const refs = o.object_refs;
  if (!id || !requester || !grantor || purpose === undefined || !validUntil || !requestedAt || !requestedBy) {
    return undefined;
  }
  if (!recipient || !Array.isArray(refs) || !refs.every((r) => typeof r === 'string')) return undefined;
  const base = {
    id,
    objectIds: refs as string[],
    requester,
    grantor,
    recipient,
    purpose,
    validUntil,
    requestedAt,
    requestedBy,
  };
  const grantedAt = str(o, 'granted_at');
  const grantedBy = str(o, 'granted_by');
  switch (o.status) {
    case 'requested':
      return { ...base, status: 'requested' };
    case 'granted':
      return grantedAt && grantedBy ? { ...base, status: 'granted', grantedAt, grantedBy } : undefined;
    case 'refused': {
      const refusedAt = str(o, 'refused_at');
      const refusedBy = str(o, 'refused_by');
      if (!refusedAt || !refusedBy) return undefined;
      const reason = str(o, 'refusal_reason');
      return {
        ...base,
        status: 'refused',
        refusedAt,
        refusedBy,
        ...(reason === undefined ? {} : { refusalReason: reason }),
      };
    }
    case 'withdrawn': {
      const withdrawnAt = str(o, 'withdrawn_at');
      const withdrawnBy = str(o, 'withdrawn_by');
      if (!grantedAt || !grantedBy || !withdrawnAt || !withdrawnBy) return undefined;
      return { ...base, status: 'withdrawn', grantedAt, grantedBy, withdrawnAt, withdrawnBy };
    }
    default:
      return undefined;
  }
}

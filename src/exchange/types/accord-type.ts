// One declaration per Accord STIX type: its name, the extension-definition that declares it
// as a new SDO, and the converter that turns a record into a valid STIX object. Every type
// of the exchange (notifications, requests, cases…) is built from this, so they all travel,
// are signed and are policed like any other object.

import { ACCORD_IDENTITY_ID } from '../../policy/index.js';

const CREATED = '2025-01-01T00:00:00.000Z';

export interface AccordTypeSpec {
  type: string;
  extensionId: string;
  name: string;
  description: string;
  /** The schema in words, as consent-stix.ts does: STIX only asks for a string or URL. */
  schema: string;
  /** A changed schema is a new version of the definition: 1.0.0 and CREATED when absent. */
  version?: string;
  modified?: string;
}

export interface StixMeta {
  id: string;
  createdByRef: string;
  created: string;
  modified: string;
  markingRefs: readonly string[];
}

export interface AccordType {
  type: string;
  extensionId: string;
  extensionDefinition: Readonly<Record<string, unknown>>;
  /** The STIX object: common properties, the record's own properties, the new-sdo extension. */
  toStix(meta: StixMeta, props: Record<string, unknown>): Record<string, unknown>;
}

/** Drops undefined values: STIX forbids null and empty properties are noise. */
function defined(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (v === '') continue;
    out[k] = v;
  }
  return out;
}

export function declareAccordType(spec: AccordTypeSpec): AccordType {
  const extensionDefinition = Object.freeze({
    type: 'extension-definition',
    spec_version: '2.1',
    id: spec.extensionId,
    created_by_ref: ACCORD_IDENTITY_ID,
    created: CREATED,
    modified: spec.modified ?? CREATED,
    name: spec.name,
    description: spec.description,
    schema: spec.schema,
    version: spec.version ?? '1.0.0',
    extension_types: ['new-sdo'],
  });
  return {
    type: spec.type,
    extensionId: spec.extensionId,
    extensionDefinition,
    toStix(meta, props) {
      return {
        type: spec.type,
        spec_version: '2.1',
        id: meta.id,
        created_by_ref: meta.createdByRef,
        created: meta.created,
        modified: meta.modified,
        ...defined(props),
        ...(meta.markingRefs.length > 0 ? { object_marking_refs: [...meta.markingRefs] } : {}),
        extensions: { [spec.extensionId]: { extension_type: 'new-sdo' } },
      };
    },
  };
}

// Property tables for the common properties (STIX 2.1 section 3.2). Identity properties
// (type, id, spec_version, created, modified) are listed as `any` because validate-common.ts
// checks them with messages of their own.
import { anyValue, bool, int, type PropSpec, ref, refs, strs } from './schema-types.js';

const IDENTITY: Record<string, PropSpec> = { type: anyValue, id: anyValue, spec_version: anyValue };

const MARKINGS: Record<string, PropSpec> = {
  object_marking_refs: refs('marking-definition'),
  granular_markings: { kind: 'granular-markings' },
};

/** SDOs and SROs. */
export const CORE_COMMON: Record<string, PropSpec> = {
  ...IDENTITY,
  created: anyValue,
  modified: anyValue,
  created_by_ref: ref('identity'),
  revoked: bool,
  labels: strs,
  confidence: int(0, 100),
  lang: { kind: 'lang' },
  external_references: { kind: 'external-references' },
  ...MARKINGS,
  extensions: { kind: 'extensions' },
};

export const SCO_COMMON: Record<string, PropSpec> = {
  ...IDENTITY,
  ...MARKINGS,
  defanged: bool,
  extensions: { kind: 'extensions' },
};

export const MARKING_COMMON: Record<string, PropSpec> = {
  ...IDENTITY,
  created: anyValue,
  created_by_ref: ref('identity'),
  external_references: { kind: 'external-references' },
  ...MARKINGS,
  extensions: { kind: 'extensions' },
};

/** Common property names: a custom property must not reuse one where it does not apply. */
export const COMMON_PROPERTY_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(CORE_COMMON),
  ...Object.keys(SCO_COMMON),
]);

/** Common properties minus the ones the spec marks "not applicable" for a type. */
export function commonWithout(names: readonly string[]): Record<string, PropSpec> {
  const out = { ...CORE_COMMON };
  for (const name of names) delete out[name];
  return out;
}

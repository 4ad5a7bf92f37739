// Embedded references: a `_ref` value is a STIX id, and its type prefix is one the property allows.
import { parseStixId } from './ids.js';
import type { RefTarget } from './schema-types.js';
import { META_TYPES, SCO_TYPES, SDO_TYPES, SRO_TYPES } from './types.js';
import { type IssueSink, index, kindOf, show } from './validate-context.js';

function isKnownType(type: string): boolean {
  return SDO_TYPES.has(type) || SCO_TYPES.has(type) || SRO_TYPES.has(type) || META_TYPES.has(type);
}

/**
 * Whether a reference to an object of `type` satisfies `to`. A type STIX does not define may be
 * a custom SDO, SCO or SRO (declared by an extension we may not have), so it is accepted
 * wherever a whole category is; never where specific types are named. Bundles are never
 * referenced (section 8.2).
 */
export function refAccepts(to: RefTarget, type: string): boolean {
  if (type === 'bundle') return false;
  if (typeof to !== 'string') return to.has(type);
  if (to === 'any' || !isKnownType(type)) return true;
  switch (to) {
    case 'sdo':
      return SDO_TYPES.has(type);
    case 'sco':
      return SCO_TYPES.has(type);
    case 'sdo-or-sco':
      return SDO_TYPES.has(type) || SCO_TYPES.has(type);
    case 'sco-or-sro':
      return SCO_TYPES.has(type) || SRO_TYPES.has(type);
  }
}

export function describeTarget(to: RefTarget): string {
  if (typeof to !== 'string') return [...to].join(' or ');
  switch (to) {
    case 'any':
      return 'a STIX object';
    case 'sdo':
      return 'an SDO';
    case 'sco':
      return 'an SCO';
    case 'sdo-or-sco':
      return 'an SDO or SCO';
    case 'sco-or-sro':
      return 'an SCO or SRO';
  }
}

/** Checks one reference; returns the referenced type when the id is well formed. */
export function checkRef(
  sink: IssueSink,
  value: unknown,
  to: RefTarget,
  path: string,
  name: string,
): string | null {
  const parsed = parseStixId(value);
  if (parsed === null) {
    sink.error(path, 'invalid-ref', `${name} must be a STIX id (<type>--<uuid>), got ${show(value)}`);
    return null;
  }
  if (!refAccepts(to, parsed.type)) {
    sink.error(
      path,
      'ref-wrong-type',
      `${name} must reference ${describeTarget(to)}, not ${parsed.type} (${value})`,
    );
  }
  return parsed.type;
}

export function checkRefList(
  sink: IssueSink,
  value: unknown,
  to: RefTarget,
  path: string,
  name: string,
): void {
  if (!Array.isArray(value)) {
    sink.error(path, 'invalid-type', `${name} must be a list of STIX ids, got ${kindOf(value)}`);
    return;
  }
  if (value.length === 0) {
    sink.error(path, 'empty-list', `${name} must not be an empty list`);
    return;
  }
  for (let i = 0; i < value.length; i++) checkRef(sink, value[i], to, index(path, i), `${name}[${i}]`);
}

// The STIX 2.1 object model: the types, the sets of type names per category, and the
// category of a type name.
export type * from './types-common.js';
export type * from './types-meta.js';
export type * from './types-sco.js';
export type * from './types-sdo.js';

export const SDO_TYPES: ReadonlySet<string> = new Set([
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
]);

export const SCO_TYPES: ReadonlySet<string> = new Set([
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
]);

export const SRO_TYPES: ReadonlySet<string> = new Set(['relationship', 'sighting']);

/** Objects that describe other objects rather than threat intelligence; `bundle` is counted here too. */
export const META_TYPES: ReadonlySet<string> = new Set([
  'marking-definition',
  'extension-definition',
  'language-content',
  'bundle',
]);

export type ObjectCategory =
  | 'sdo'
  | 'sco'
  | 'sro'
  | 'meta'
  | 'custom-sdo'
  | 'custom-sco'
  | 'custom-sro'
  | 'custom';

/**
 * The category of a type name. A type STIX does not define is `custom`; whether it is a
 * custom SDO, SCO or SRO depends on the object's extensions (see `objectCategoryOf`).
 */
export function objectCategory(type: string): ObjectCategory {
  if (SDO_TYPES.has(type)) return 'sdo';
  if (SCO_TYPES.has(type)) return 'sco';
  if (SRO_TYPES.has(type)) return 'sro';
  if (META_TYPES.has(type)) return 'meta';
  return 'custom';
}

const NEW_OBJECT_CATEGORY: ReadonlyMap<string, ObjectCategory> = new Map([
  ['new-sdo', 'custom-sdo'],
  ['new-sco', 'custom-sco'],
  ['new-sro', 'custom-sro'],
]);

/** Like `objectCategory`, but resolves a custom type through a `new-sdo|sco|sro` extension on the object. */
export function objectCategoryOf(obj: { type: string; extensions?: unknown }): ObjectCategory {
  const category = objectCategory(obj.type);
  if (category !== 'custom') return category;
  const ext = obj.extensions;
  if (ext === null || typeof ext !== 'object') return category;
  for (const key in ext) {
    const value = (ext as Record<string, unknown>)[key];
    if (value !== null && typeof value === 'object') {
      const kind = (value as Record<string, unknown>)['extension_type'];
      const found = typeof kind === 'string' ? NEW_OBJECT_CATEGORY.get(kind) : undefined;
      if (found) return found;
    }
  }
  return category;
}

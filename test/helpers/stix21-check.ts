// What a strict STIX 2.1 reader checks, written from the specification (STIX 2.1 OS, sections
// 2, 3 and 8) rather than from Accord's own validator, so that a test can hold Accord's output
// to the rules third-party tools apply: the bundle, each object's common properties, names,
// timestamps, reserved names and references.

// RFC 4122: hex digits are read in either case (one OASIS example spells an id in upper case).
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}';
const TYPE_NAME = /^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$/;
const PROPERTY_NAME = /^[a-z0-9_]{3,250}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
// created and modified: "MUST be precise to the nearest millisecond" (§3.2).
const TIMESTAMP_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3,}Z$/;
const RESERVED = new Set(['severity', 'action', 'username', 'phone_numbers']);

const SDO = new Set(
  'attack-pattern campaign course-of-action grouping identity incident indicator infrastructure intrusion-set location malware malware-analysis note observed-data opinion report threat-actor tool vulnerability'.split(
    ' ',
  ),
);
const SRO = new Set(['relationship', 'sighting']);
const SCO = new Set(
  'artifact autonomous-system directory domain-name email-addr email-message file ipv4-addr ipv6-addr mac-addr mutex network-traffic process software url user-account windows-registry-key x509-certificate'.split(
    ' ',
  ),
);
const META = new Set(['marking-definition', 'language-content', 'extension-definition']);

/** Ids of definitions OASIS publishes (cti-stix-common-objects) that any STIX tool knows. */
export const OASIS_WELL_KNOWN = new Set([
  // The TLP 2.0 extension-definition the official TLP 2.0 marking-definitions use.
  'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d',
]);

export interface Finding {
  id: string;
  path: string;
  problem: string;
}

function isStixId(v: unknown): v is string {
  return typeof v === 'string' && new RegExp(`^[a-z0-9][a-z0-9-]+[a-z0-9]--${UUID}$`).test(v);
}

/** Every id an object names: `*_ref(s)` at any depth, and the extension-definitions it uses. */
export function namedIds(o: Record<string, unknown>): string[] {
  const out = new Set<string>();
  const visit = (v: unknown, key: string | null) => {
    if (Array.isArray(v)) for (const x of v) visit(x, key);
    else if (typeof v === 'string') {
      if (key && /_refs?$/.test(key)) out.add(v);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) visit(x, k);
    }
  };
  visit(o, null);
  const ext = o.extensions;
  if (ext && typeof ext === 'object')
    for (const k of Object.keys(ext)) if (k.startsWith('extension-definition--')) out.add(k);
  out.delete(o.id as string);
  return [...out];
}

/** The problems of one object, read as STIX 2.1. */
export function checkObject(o: Record<string, unknown>): Finding[] {
  const id = typeof o.id === 'string' ? o.id : '(no id)';
  const out: Finding[] = [];
  const bad = (path: string, problem: string) => out.push({ id, path, problem });
  const type = o.type;
  if (typeof type !== 'string' || !TYPE_NAME.test(type) || type.includes('--')) {
    bad('type', `type ${JSON.stringify(type)} is not a STIX type name`);
    return out;
  }
  const known = SDO.has(type) || SRO.has(type) || SCO.has(type) || META.has(type);
  if (type === 'bundle') bad('type', 'a bundle inside a bundle');
  // Accord's own types are new SDOs declared by extension-definitions; strict readers ask
  // that custom types say they are custom.
  if (!known && !type.startsWith('x-')) bad('type', `custom type ${type} does not start with x-`);
  if (!(typeof o.id === 'string' && new RegExp(`^${type}--${UUID}$`).test(o.id)))
    bad('id', `id ${JSON.stringify(o.id)} is not ${type}--<RFC 4122 UUID>`);
  if (SCO.has(type)) {
    if (o.spec_version !== undefined && o.spec_version !== '2.1') bad('spec_version', 'must be "2.1"');
  } else if (o.spec_version !== '2.1')
    bad('spec_version', `must be "2.1", is ${JSON.stringify(o.spec_version)}`);
  const needsModified = !SCO.has(type) && type !== 'marking-definition';
  if (type === 'marking-definition') {
    // Marking-definitions predating 2.1 (TLP 1.0, MITRE's statement) give created to the second.
    if (typeof o.created !== 'string' || !TIMESTAMP.test(o.created))
      bad('created', `created ${JSON.stringify(o.created)} is not a timestamp`);
  } else if (!SCO.has(type)) {
    if (typeof o.created !== 'string' || !TIMESTAMP_MS.test(o.created))
      bad('created', `created ${JSON.stringify(o.created)} is not a timestamp to the millisecond`);
  }
  if (needsModified) {
    if (typeof o.modified !== 'string' || !TIMESTAMP_MS.test(o.modified))
      bad('modified', `modified ${JSON.stringify(o.modified)} is not a timestamp to the millisecond`);
    else if (typeof o.created === 'string' && Date.parse(o.modified) < Date.parse(o.created))
      bad('modified', 'modified is earlier than created');
  }
  if (
    o.created_by_ref !== undefined &&
    !(isStixId(o.created_by_ref) && o.created_by_ref.startsWith('identity--'))
  )
    bad('created_by_ref', 'must be an identity id');
  if (o.object_marking_refs !== undefined) {
    const refs = o.object_marking_refs;
    if (!Array.isArray(refs) || refs.length === 0) bad('object_marking_refs', 'must be a non-empty list');
    else
      for (const r of refs)
        if (!(isStixId(r) && r.startsWith('marking-definition--')))
          bad('object_marking_refs', `${JSON.stringify(r)} is not a marking-definition id`);
  }
  for (const [k, v] of Object.entries(o)) {
    if (!PROPERTY_NAME.test(k) && !(k === 'id' || k === 'type'))
      bad(k, 'property names are 3–250 of a-z, 0-9 and _');
    if (RESERVED.has(k)) bad(k, `${k} is reserved by STIX 2.1 for future use`);
    if (k.startsWith('x_') && !/^x_[a-z0-9_]+$/.test(k)) bad(k, 'custom property name');
    if (k.endsWith('_ref') && !isStixId(v)) bad(k, 'a _ref property holds a STIX id');
    if (k.endsWith('_refs') && !(Array.isArray(v) && v.length > 0 && v.every(isStixId)))
      bad(k, 'a _refs property holds a non-empty list of STIX ids');
    if (
      /(^|_)(time|date)$|^(created|modified|valid_from|valid_until|first_seen|last_seen|published)$/.test(k)
    )
      if (typeof v === 'string' && !TIMESTAMP.test(v) && !/^\d{4}-\d{2}-\d{2}$/.test(v))
        bad(k, `${JSON.stringify(v)} is not an RFC 3339 UTC timestamp`);
  }
  // "null" is not a STIX value, and empty lists are not allowed (§3.1, §2.x list type).
  const walk = (v: unknown, path: string) => {
    if (v === null) bad(path, 'null is not a STIX value');
    else if (Array.isArray(v)) {
      if (v.length === 0) bad(path, 'empty list');
      v.forEach((x, i) => {
        walk(x, `${path}[${i}]`);
      });
    } else if (typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  for (const [k, v] of Object.entries(o)) walk(v, k);
  const ext = o.extensions;
  if (ext !== undefined) {
    if (!ext || typeof ext !== 'object' || Array.isArray(ext)) bad('extensions', 'must be a dictionary');
    else
      for (const [k, v] of Object.entries(ext as Record<string, unknown>)) {
        if (k.startsWith('extension-definition--')) {
          if (!isStixId(k)) bad(`extensions.${k}`, 'not an extension-definition id');
          const et = (v as { extension_type?: unknown } | null)?.extension_type;
          if (!known && et !== 'new-sdo' && et !== 'new-sco' && et !== 'new-sro')
            bad(`extensions.${k}`, 'a custom type needs its new-sdo/new-sco/new-sro extension');
        } else if (!/^[a-z0-9-]{3,250}$/.test(k) || (!known && !k.startsWith('x-')))
          bad(`extensions.${k}`, 'extension name');
      }
  } else if (!known) bad('extensions', `custom type ${type} has no extension-definition declaring it`);
  if (type === 'extension-definition') {
    for (const p of ['name', 'schema', 'version', 'extension_types', 'created_by_ref'])
      if (o[p] === undefined) bad(p, `an extension-definition requires ${p}`);
  }
  if (type === 'identity' && typeof o.name !== 'string') bad('name', 'an identity requires a name');
  return out;
}

/**
 * A bundle as a STIX 2.1 reader takes it: no bundle-level spec_version (that is STIX 2.0),
 * every object valid, and — when `resolve` — every id an object names present in the bundle
 * (or one of OASIS's well-known definitions).
 */
export function checkBundle(bundle: unknown, resolve: boolean): Finding[] {
  const b = bundle as Record<string, unknown>;
  const out: Finding[] = [];
  if (b?.type !== 'bundle') return [{ id: '(bundle)', path: 'type', problem: 'not a bundle' }];
  const bid = String(b.id);
  if (!new RegExp(`^bundle--${UUID}$`).test(bid)) out.push({ id: bid, path: 'id', problem: 'bundle id' });
  if ('spec_version' in b)
    out.push({ id: bid, path: 'spec_version', problem: 'a STIX 2.1 bundle has no spec_version' });
  for (const k of Object.keys(b))
    if (!['type', 'id', 'objects', 'spec_version'].includes(k))
      out.push({ id: bid, path: k, problem: 'not a bundle property' });
  const objects = (Array.isArray(b.objects) ? b.objects : []) as Record<string, unknown>[];
  for (const o of objects) out.push(...checkObject(o));
  if (resolve) {
    const held = new Set(objects.map((o) => o.id));
    for (const o of objects)
      for (const ref of namedIds(o))
        if (!held.has(ref) && !OASIS_WELL_KNOWN.has(ref))
          out.push({ id: String(o.id), path: ref, problem: 'refers to an object the bundle does not hold' });
  }
  return out;
}

// Valid inputs for the route walk, built from the OpenAPI schemas, with the hidden objects'
// ids and observable values wherever a route takes an id, a reference or a value.

export interface Markers {
  /** A STIX id held only on the node that has the hidden objects. */
  objectId: string;
  /** Hidden Accord records by kind (notification, request, case…): their ids. */
  records: Record<string, string>;
  /** Observable values found only in hidden objects (case varied: lookups lower-case). */
  values: string[];
  /** A Party of the Agreement in force that is not the reader. */
  party: string;
}

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  pattern?: string;
  format?: string;
  minimum?: number;
  minItems?: number;
  minLength?: number;
  default?: unknown;
};

const FIXED_UUID = '0d0000ff-0000-4000-8000-000000000000';

/** A string for a schema pattern the API uses (ids, Party codes, months, hashes). */
function fromPattern(pattern: string, name: string, m: Markers): string | undefined {
  const kind = /^\^x-accord-([a-z]+)--/.exec(pattern)?.[1];
  if (kind) return m.records[kind] ?? `x-accord-${kind}--${FIXED_UUID}`;
  if (pattern.includes('--[0-9a-fA-F]{8}')) return m.objectId;
  if (pattern === '^[A-Z]{2}$') return m.party;
  if (pattern === '^[a-z]{2}$') return 'ru';
  if (pattern === '^\\d{4}-\\d{2}$') return '2030-01';
  if (pattern === '^[0-9a-f]{64}$') return '0'.repeat(64);
  if (pattern.startsWith('^[A-Za-z0-9._:-]')) return 'accord-by-node';
  if (name === 'type') return 'indicator';
  return undefined;
}

function stringFor(s: Schema, name: string, m: Markers): string {
  if (s.pattern) {
    const v = fromPattern(s.pattern, name, m);
    if (v !== undefined) return v;
  }
  if (s.format === 'date-time') return '2030-01-01T00:00:00Z';
  if (s.format === 'date' || /valid_until|due|starts|ends|^at$|since|until/.test(name)) return '2030-01-01';
  if (name === 'value' || name === 'q') return m.values[0]!;
  if (/(^|_)(id|of|ref|criterion)$/.test(name)) return m.objectId;
  if (name === 'password') return 'correct-horse-battery-staple-9';
  if (name === 'addressee' || name === 'assignee' || name === 'party') return m.party;
  return 'probe-value'.padEnd(s.minLength ?? 0, 'x');
}

/** Ids and values a property takes as a list: the markers, not generic filler. */
function listFor(name: string, m: Markers): unknown[] | undefined {
  if (/refs$|object_ids$|^ids$/.test(name)) return [m.objectId];
  if (name === 'values') return m.values;
  if (name === 'participants' || name === 'recipients' || name === 'parties') return ['KZ', m.party];
  return undefined;
}

export function valueFor(schema: Schema, name: string, m: Markers, depth = 0): unknown {
  if (depth > 8) return undefined;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const union = schema.anyOf ?? schema.oneOf;
  if (union) {
    const pick = union.find((u) => u.type !== 'null') ?? union[0]!;
    return valueFor(pick, name, m, depth + 1);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, p] of Object.entries(schema.properties ?? {})) {
        const wanted = schema.required?.includes(k) || listFor(k, m) !== undefined || /^(of|value)$/.test(k);
        if (wanted) out[k] = valueFor(p, k, m, depth + 1);
      }
      return out;
    }
    case 'array':
      return listFor(name, m) ?? [valueFor(schema.items ?? {}, name, m, depth + 1)];
    case 'integer':
    case 'number':
      return typeof schema.default === 'number' ? schema.default : (schema.minimum ?? 1);
    case 'boolean':
      return false;
    default:
      return stringFor(schema, name, m);
  }
}

/** Query parameters: the required ones, and every one that can carry a marker. */
export function queryFor(
  params: { name: string; in: string; required?: boolean; schema?: Schema }[],
  m: Markers,
  withMarkers = true,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of params) {
    if (p.in !== 'query') continue;
    const marker = withMarkers && /^(q|value|criterion|include|user|type)$/.test(p.name);
    if (!p.required && !marker) continue;
    out[p.name] = String(valueFor(p.schema ?? {}, p.name, m));
  }
  return out;
}

import { AccordError } from '../../errors.js';
import { isStixTimestamp, timestampKey } from '../../stix/timestamp.js';
import { isoToMicros } from '../../store/clock.js';
import type { VersionMatch } from '../../store/taxii-query.js';

/** The TAXII endpoints that take URL filters, each with its own set (specification §3.5). */
export type FilterEndpoint = 'objects' | 'manifest' | 'object' | 'versions' | 'delete';

const MATCH_FIELDS: Record<FilterEndpoint, readonly string[]> = {
  objects: ['id', 'type', 'version', 'spec_version'],
  manifest: ['id', 'type', 'version', 'spec_version'],
  object: ['version', 'spec_version'],
  versions: ['spec_version'],
  delete: ['version', 'spec_version'],
};

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** What a request asks for, validated and normalised (sorted lists), ready for the store. */
export interface TaxiiFilters {
  ids?: string[];
  types?: string[];
  versions: VersionMatch;
  /** False when match[spec_version] names only versions other than 2.1: nothing matches. */
  specVersionOk: boolean;
  addedAfter?: number;
  limit: number;
  next?: string;
}

const ID = /^[a-z0-9][a-z0-9-]+[a-z0-9]--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TYPE = /^[a-z0-9][a-z0-9-]*$/;
const SPEC = /^\d+\.\d+$/;

function bad(message: string): AccordError {
  return new AccordError('ACCORD_BAD_REQUEST', message);
}

/** A parameter's values: repeated parameters and comma-separated lists both mean OR. */
function values(raw: unknown): string[] {
  const parts = Array.isArray(raw) ? raw : [raw];
  return parts
    .flatMap((p) => String(p).split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function single(name: string, raw: unknown): string {
  if (Array.isArray(raw)) throw bad(`${name} may be given once`);
  return String(raw);
}

function parseVersions(list: string[] | undefined, fallback: 'last' | 'all'): VersionMatch {
  const m = { all: false, first: false, last: false, keys: [] as string[], micros: [] as number[] };
  for (const v of list ?? [fallback]) {
    if (v === 'all' || v === 'first' || v === 'last') m[v] = true;
    else if (isStixTimestamp(v)) {
      m.keys.push(timestampKey(v));
      m.micros.push(isoToMicros(v) ?? 0);
    } else
      throw bad(
        `match[version] '${v}' must be last, first, all or a timestamp such as 2024-01-01T00:00:00.000Z`,
      );
  }
  m.keys.sort();
  m.micros.sort((a, b) => a - b);
  return m;
}

/** Parses and checks the query of a TAXII request; anything malformed is a 400 that says what. */
export function parseFilters(endpoint: FilterEndpoint, query: Record<string, unknown>): TaxiiFilters {
  const match = new Map<string, string[]>();
  for (const [key, raw] of Object.entries(query)) {
    const m = /^match\[(.*)\]$/.exec(key);
    if (!m) continue;
    const field = m[1]!;
    if (!MATCH_FIELDS[endpoint].includes(field)) {
      const allowed = MATCH_FIELDS[endpoint].map((f) => `match[${f}]`).join(', ');
      throw bad(`${key} is not a filter of this endpoint; it takes ${allowed}`);
    }
    match.set(field, [...(match.get(field) ?? []), ...values(raw)]);
  }
  const ids = match.get('id');
  for (const id of ids ?? []) if (!ID.test(id)) throw bad(`match[id] '${id}' is not a STIX identifier`);
  const types = match.get('type');
  for (const t of types ?? []) if (!TYPE.test(t)) throw bad(`match[type] '${t}' is not a STIX type`);
  const specs = match.get('spec_version');
  for (const s of specs ?? [])
    if (!SPEC.test(s)) throw bad(`match[spec_version] '${s}' is not a version such as 2.1`);

  const filters: TaxiiFilters = {
    versions: parseVersions(match.get('version'), endpoint === 'versions' ? 'all' : 'last'),
    // Every object held here is STIX 2.1 (the importer accepts nothing else), so the default
    // "latest specification version of each object" is every object, and a list without 2.1 is none.
    specVersionOk: specs === undefined || specs.includes('2.1'),
    limit: DEFAULT_LIMIT,
  };
  if (ids) filters.ids = [...new Set(ids)].sort();
  if (types) filters.types = [...new Set(types)].sort();

  const paged = endpoint !== 'delete';
  for (const name of ['added_after', 'limit', 'next']) {
    if (query[name] !== undefined && !paged) throw bad(`${name} is not a parameter of this endpoint`);
  }
  if (query.added_after !== undefined) {
    const text = single('added_after', query.added_after);
    const micros = isStixTimestamp(text) ? isoToMicros(text) : undefined;
    if (micros === undefined)
      throw bad(`added_after '${text}' is not a timestamp such as 2024-01-01T00:00:00.000000Z`);
    filters.addedAfter = micros;
  }
  if (query.limit !== undefined) {
    const text = single('limit', query.limit);
    if (!/^\d{1,9}$/.test(text) || Number(text) < 1) throw bad(`limit '${text}' must be a positive integer`);
    // A larger limit is not an error: the server may always return fewer (specification §3.4).
    filters.limit = Math.min(Number(text), MAX_LIMIT);
  }
  if (query.next !== undefined) {
    const text = single('next', query.next);
    if (text.length > 500) throw bad('next is too long to be a token this node issued');
    filters.next = text;
  }
  return filters;
}

/** What a `next` token is bound to: everything that shapes the result except the page size. */
export function queryKey(
  endpoint: FilterEndpoint,
  scope: { collection: string; objectId?: string; party: string },
  f: TaxiiFilters,
): unknown {
  return [endpoint, scope, f.ids ?? null, f.types ?? null, f.versions, f.specVersionOk, f.addedAfter ?? null];
}

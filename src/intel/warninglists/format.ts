// MISP's warninglist format (a list.json): a named list of known-benign values and how a
// value is compared with them. Pure: the text in, a checked list or an error that names the
// file and the JSON path out, so an operator's broken list is found at start, not at use.

import { AccordError } from '../../errors.js';
import { classifyValue } from '../observable-keys.js';

export const WARNINGLIST_TYPES = ['string', 'cidr', 'hostname', 'substring', 'regex'] as const;
export type WarninglistType = (typeof WARNINGLIST_TYPES)[number];

export interface Warninglist {
  /** Stable handle: the file's name without `.json` (or its folder's, for MISP's `NAME/list.json`). */
  id: string;
  name: string;
  version: number;
  description: string;
  type: WarninglistType;
  list: string[];
  /** MISP attribute types the list is meant for; informative here, every value is checked. */
  matchingAttributes: string[];
}

function bad(file: string, path: string, message: string): never {
  throw new AccordError('ACCORD_VALIDATION', `warninglist ${file}: ${path}: ${message}`, {
    path: `${file}#${path}`,
  });
}

/** A MISP regex entry may carry PCRE delimiters and flags ("/^foo$/i"). */
export function regexOf(entry: string): RegExp {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(entry);
  const source = m ? m[1]! : entry;
  const flags = m ? m[2]!.replace(/[^imsu]/g, '') : '';
  return new RegExp(source, flags.includes('i') ? flags : `${flags}i`);
}

/** Reads one list.json; `file` names it in errors, `id` is its stable handle. */
export function parseWarninglist(file: string, id: string, text: string): Warninglist {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    bad(file, '$', `not JSON: ${(e as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    bad(file, '$', 'must be a JSON object');
  const b = body as Record<string, unknown>;
  if (typeof b.name !== 'string' || b.name.trim() === '') bad(file, '$.name', 'must be a non-empty string');
  const version = b.version ?? 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    bad(file, '$.version', 'must be a whole number');
  if (b.description !== undefined && typeof b.description !== 'string')
    bad(file, '$.description', 'must be a string');
  // MISP's own lists leave the type out when it is the default.
  const type = b.type ?? 'string';
  if (!(WARNINGLIST_TYPES as readonly unknown[]).includes(type))
    bad(file, '$.type', `must be one of ${WARNINGLIST_TYPES.join(', ')}, got ${JSON.stringify(type)}`);
  if (!Array.isArray(b.list) || b.list.length === 0)
    bad(file, '$.list', 'must be a non-empty array of strings');
  const list = b.list.map((v, i) => {
    if (typeof v !== 'string' || v.trim() === '') bad(file, `$.list[${i}]`, 'must be a non-empty string');
    const entry = v.trim();
    if (type === 'cidr') {
      const c = classifyValue(entry);
      if (!c || (c.kind !== 'ipv4' && c.kind !== 'ipv6'))
        bad(file, `$.list[${i}]`, `"${entry}" is not an IPv4 or IPv6 address or range`);
    }
    if (type === 'regex') {
      try {
        regexOf(entry);
      } catch (e) {
        bad(file, `$.list[${i}]`, `not a regular expression: ${(e as Error).message}`);
      }
    }
    return entry;
  });
  const attrs = b.matching_attributes ?? [];
  if (!Array.isArray(attrs) || attrs.some((a) => typeof a !== 'string'))
    bad(file, '$.matching_attributes', 'must be an array of MISP attribute types');
  return {
    id,
    name: b.name.trim(),
    version,
    description: typeof b.description === 'string' ? b.description : '',
    type: type as WarninglistType,
    list,
    matchingAttributes: attrs as string[],
  };
}

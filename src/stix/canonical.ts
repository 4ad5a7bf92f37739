// RFC 8785 (JSON Canonicalization Scheme): the byte-exact form used for SCO ids, signatures
// and round-trip comparisons.
import { createHash } from 'node:crypto';

// JCS serialises primitives exactly as ECMAScript's JSON.stringify does and orders object
// members by their names' UTF-16 code units. So the engine's own JSON.stringify, given the
// sorted union of every member name as its property list, emits the canonical form: each
// object's members come out in that list's order. On the import path this is about twice as
// fast as walking the value and concatenating strings, as the `canonicalize` package does.
function collectKeys(value: unknown, keys: Set<string>): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${value} has no JSON representation`);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) collectKeys(v, keys);
    return;
  }
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue;
    keys.add(k);
    collectKeys((value as Record<string, unknown>)[k], keys);
  }
}

/**
 * The canonical JSON text of a JSON value: keys sorted by UTF-16 code units, ECMAScript number
 * formatting, no whitespace. Throws on values JSON cannot carry (undefined, NaN, Infinity).
 */
export function canonicalJson(value: unknown): string {
  const keys = new Set<string>();
  collectKeys(value, keys);
  const text = JSON.stringify(value, [...keys].sort());
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// RFC 8785 (JSON Canonicalization Scheme): the byte-exact form used for SCO ids, signatures
// and round-trip comparisons.
import { hash } from 'node:crypto';
import { assertJsonLimits, LIMITS } from './limits.js';

// JCS serialises primitives exactly as ECMAScript's JSON.stringify does and orders object
// members by their names' UTF-16 code units. So the engine's own JSON.stringify, given the
// sorted union of every member name as its property list, emits the canonical form: each
// object's members come out in that list's order. On the import path this is about twice as
// fast as walking the value and concatenating strings, as the `canonicalize` package does.
// Thrown out of the recursion, then reported by the limits check, which names the path.
const TOO_DEEP = new Error('too deep');

function collectKeys(value: unknown, keys: Set<string>, depth: number): void {
  // Recursive, but bounded by the node's depth limit (checked before going deeper), so no
  // input can overflow the stack here or in JSON.stringify below; allocates nothing per value.
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${value} has no JSON representation`);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth >= LIMITS.jsonDepth) throw TOO_DEEP;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) collectKeys(value[i], keys, depth + 1);
    return;
  }
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue;
    keys.add(k);
    collectKeys((value as Record<string, unknown>)[k], keys, depth + 1);
  }
}

/**
 * The canonical JSON text of a JSON value: keys sorted by UTF-16 code units, ECMAScript number
 * formatting, no whitespace. Throws on values JSON cannot carry (undefined, NaN, Infinity).
 */
export function canonicalJson(value: unknown): string {
  const keys = new Set<string>();
  try {
    collectKeys(value, keys, 0);
  } catch (e) {
    if (e === TOO_DEEP) assertJsonLimits(value);
    throw e;
  }
  const text = JSON.stringify(value, [...keys].sort());
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

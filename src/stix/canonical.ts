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

function collectKeys(value: unknown, keys: string[], depth: number): void {
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
    keys.push(k);
    collectKeys((value as Record<string, unknown>)[k], keys, depth + 1);
  }
}

/**
 * The canonical JSON text of a JSON value: keys sorted by UTF-16 code units, ECMAScript number
 * formatting, no whitespace. Throws on values JSON cannot carry (undefined, NaN, Infinity).
 */
export function canonicalJson(value: unknown): string {
  const keys: string[] = [];
  try {
    collectKeys(value, keys, 0);
  } catch (e) {
    if (e === TOO_DEEP) assertJsonLimits(value);
    throw e;
  }
  const text = JSON.stringify(value, sortedUnique(keys));
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

// Up to this many names (a STIX object has a dozen or two) an insertion sort in place beats
// Array.prototype.sort, which allocates a work array on every call: on an import that was a
// tenth of all memory allocated.
const INSERTION_SORT_MAX = 64;

/** The names in UTF-16 code unit order (JCS's), each once; sorts `keys` in place. */
function sortedUnique(keys: string[]): string[] {
  const n = keys.length;
  if (n > INSERTION_SORT_MAX) return [...new Set(keys)].sort();
  for (let i = 1; i < n; i++) {
    const k = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
  let w = 0;
  for (let i = 0; i < n; i++) if (w === 0 || keys[i] !== keys[w - 1]) keys[w++] = keys[i]!;
  keys.length = w;
  return keys;
}

export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

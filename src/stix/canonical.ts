// RFC 8785 (JSON Canonicalization Scheme): the byte-exact form used for SCO ids, signatures
// and round-trip comparisons.
import { createHash } from 'node:crypto';
import { assertJsonLimits, LIMITS } from './limits.js';

// JCS serialises primitives exactly as ECMAScript's JSON.stringify does and orders object
// members by their names' UTF-16 code units. So the engine's own JSON.stringify, given the
// sorted union of every member name as its property list, emits the canonical form: each
// object's members come out in that list's order. On the import path this is about twice as
// fast as walking the value and concatenating strings, as the `canonicalize` package does.
function collectKeys(value: unknown, keys: Set<string>): void {
  // Iterative, and bounded by the node's depth limit: JSON.stringify below recurses, and a
  // value deeper than the stack would otherwise throw a RangeError from anywhere it is signed.
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new TypeError(`${v} has no JSON representation`);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= LIMITS.jsonDepth) assertJsonLimits(value);
    if (Array.isArray(v)) {
      for (const x of v) stack.push({ v: x, depth: depth + 1 });
      continue;
    }
    for (const k in v) {
      if (!Object.hasOwn(v, k)) continue;
      keys.add(k);
      stack.push({ v: (v as Record<string, unknown>)[k], depth: depth + 1 });
    }
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

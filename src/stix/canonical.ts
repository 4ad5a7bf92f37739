// RFC 8785 (JSON Canonicalization Scheme): the byte-exact form used for SCO ids, signatures
// and round-trip comparisons.
import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// The package is CommonJS (`module.exports = fn`) but its typings declare an ES default
// export, which NodeNext resolves to the module object; the cast states what Node loads.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/**
 * The canonical JSON text of a JSON value: keys sorted by UTF-16 code units, ECMAScript number
 * formatting, no whitespace. Throws on values JSON cannot carry (undefined, NaN, Infinity).
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

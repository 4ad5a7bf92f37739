// RFC 8785 (JSON Canonicalization Scheme): the byte-exact form used for SCO ids, signatures
// and round-trip comparisons.
import { hash } from 'node:crypto';
import { assertJsonLimits, LIMITS } from './limits.js';

// JCS serialises primitives exactly as ECMAScript's JSON.stringify does and orders object
// members by their names' UTF-16 code units. So the engine's own JSON.stringify emits the
// canonical form of a copy whose members were added in that order: it lists string-keyed
// members in the order they were added, and its fast path (no replacer) is the quickest way
// to text there is. On the import path that was 40% faster than giving JSON.stringify the
// sorted union of every member name as its property list (which also read an inherited
// `__proto__` into nested objects), and that was twice as fast as writing the text member
// by member, which is left for what the copy cannot order (see UNORDERED).

// Thrown out of the recursion, then reported by the limits check, which names the path.
const TOO_DEEP = new Error('too deep');
/**
 * What a copy cannot put in JCS order: names that are array indices ("0", "10"), which the
 * engine lists first, in numeric order, whatever the order they were added in (observed-data's
 * `objects` is keyed "0", "1", …); `__proto__`, which assigning would not add as a member;
 * and objects that are not plain (a Date serialises through its toJSON).
 */
const UNORDERED = Symbol('unordered');

function finite(value: number): void {
  if (!Number.isFinite(value)) throw new TypeError(`${value} has no JSON representation`);
}

/** The names sorted in place by UTF-16 code units: an insertion sort allocates nothing. */
function insertionSort(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

// Up to this many names an insertion sort beats Array.prototype.sort, which allocates a work
// array on every call (on an import that was a tenth of all memory allocated).
const INSERTION_SORT_MAX = 64;

function sortNames(keys: string[]): string[] {
  return keys.length > INSERTION_SORT_MAX ? keys.sort() : insertionSort(keys);
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of a JSON value whose objects hold their members in JCS order, or UNORDERED. Arrays
 * are copied only when an item had to be. Recursive, but bounded by the node's depth limit
 * (checked before going deeper), so no input can overflow the stack here or in JSON.stringify.
 */
function sortedCopy(value: unknown, depth: number): unknown {
  if (typeof value === 'number') {
    finite(value);
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= LIMITS.jsonDepth) throw TOO_DEEP;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item === null || typeof item !== 'object') {
        if (typeof item === 'number') finite(item);
        continue;
      }
      const copy = sortedCopy(item, depth + 1);
      if (copy === UNORDERED) return UNORDERED;
      if (copy !== item) {
        out ??= value.slice();
        out[i] = copy;
      }
    }
    return out ?? value;
  }
  if (!isPlain(value)) return UNORDERED;
  const keys = Object.keys(value);
  for (const k of keys) {
    const c = k.charCodeAt(0);
    if ((c >= 48 && c <= 57) || k === '__proto__') return UNORDERED;
  }
  const out: Record<string, unknown> = {};
  for (const k of sortNames(keys)) {
    const copy = sortedCopy((value as Record<string, unknown>)[k], depth + 1);
    if (copy === UNORDERED) return UNORDERED;
    out[k] = copy;
  }
  return out;
}

/**
 * JCS written out member by member: the way for what sortedCopy cannot order, which is rare.
 * As JSON.stringify: toJSON first, members without a JSON value left out, `null` for them in arrays.
 */
function written(value: unknown, depth: number): string | undefined {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function')
    v = (v as { toJSON(key: string): unknown }).toJSON('');
  if (typeof v === 'number') finite(v);
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (depth >= LIMITS.jsonDepth) throw TOO_DEEP;
  if (Array.isArray(v)) return `[${v.map((item) => written(item, depth + 1) ?? 'null').join(',')}]`;
  const parts: string[] = [];
  for (const k of sortNames(Object.keys(v))) {
    const member = written((v as Record<string, unknown>)[k], depth + 1);
    if (member !== undefined) parts.push(`${JSON.stringify(k)}:${member}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * The canonical JSON text of a JSON value: keys sorted by UTF-16 code units, ECMAScript number
 * formatting, no whitespace. Throws on values JSON cannot carry (undefined, NaN, Infinity).
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    const copy = sortedCopy(value, 0);
    text = copy === UNORDERED ? written(value, 0) : JSON.stringify(copy);
  } catch (e) {
    if (e === TOO_DEEP) assertJsonLimits(value);
    throw e;
  }
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

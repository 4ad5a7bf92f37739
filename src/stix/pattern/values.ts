// How a pattern constant compares with a JSON value, per the specification: strings by
// Unicode code point after NFC normalisation; integers and floats numerically; timestamps
// as instants; binaries (b'…', h'…', and properties whose names end in _bin or _hex) byte
// by byte, a string counting as bytes when all its code points are below 256. Values of
// different kinds are unequal and unordered. ipv4-addr / ipv6-addr values compare as
// addresses, so '203.0.113.33' equals '203.0.113.33/32'.

import type { Constant } from './ast.js';
import { blockEquals, parseIpBlock } from './cidr.js';
import type { PathValue } from './path.js';
import { parseInstant } from './timestamp.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function isBinaryKey(key: string): boolean {
  return key.endsWith('_bin') || key.endsWith('_hex');
}

/** The bytes of a _bin / _hex property, or undefined when the text is not that encoding. */
export function decodeBinaryProperty(pv: PathValue): Uint8Array | undefined {
  if (typeof pv.value !== 'string') return undefined;
  return pv.key.endsWith('_hex') ? hexBytes(pv.value) : base64Bytes(pv.value);
}

export function hexBytes(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(text)) return undefined;
  return new Uint8Array(Buffer.from(text, 'hex'));
}

export function base64Bytes(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** A string whose code points are all below 256, read as bytes (latin-1). */
export function latin1Bytes(s: string): Uint8Array | undefined {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 255) return undefined;
    out[i] = c;
  }
  return out;
}

export function bytesToLatin1(b: Uint8Array): string {
  let s = '';
  for (const byte of b) s += String.fromCharCode(byte);
  return s;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Code-point order; plain `<` on JS strings orders by UTF-16 unit, which differs above U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

function constantBytes(c: Constant): Uint8Array | undefined {
  if (c.kind === 'binary') return base64Bytes(c.value);
  if (c.kind === 'hex') return hexBytes(c.value);
  if (c.kind === 'string') return latin1Bytes(c.value);
  return undefined;
}

function valueBytes(pv: PathValue): Uint8Array | undefined {
  if (typeof pv.value !== 'string') return undefined;
  return isBinaryKey(pv.key) ? decodeBinaryProperty(pv) : latin1Bytes(pv.value);
}

/**
 * Compares a value with a constant: negative, zero or positive, or undefined when the two
 * are of kinds that cannot be compared.
 */
export function compareValue(pv: PathValue, c: Constant): number | undefined {
  const v = pv.value;
  switch (c.kind) {
    case 'int':
    case 'float':
      return typeof v === 'number' ? (v < c.value ? -1 : v > c.value ? 1 : 0) : undefined;
    case 'boolean':
      return typeof v === 'boolean' && v === c.value ? 0 : undefined;
    case 'timestamp': {
      if (typeof v !== 'string') return undefined;
      const a = parseInstant(v);
      const b = parseInstant(c.value);
      return a && b ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : undefined;
    }
    case 'binary':
    case 'hex': {
      const a = valueBytes(pv);
      const b = constantBytes(c);
      return a && b ? compareBytes(a, b) : undefined;
    }
    case 'string': {
      if (typeof v !== 'string') return undefined;
      if (isBinaryKey(pv.key)) {
        const a = decodeBinaryProperty(pv);
        const b = latin1Bytes(c.value);
        return a && b ? compareBytes(a, b) : undefined;
      }
      return compareCodePoints(v.normalize('NFC'), c.value.normalize('NFC'));
    }
  }
}

export function equalsValue(pv: PathValue, c: Constant): boolean {
  if (
    c.kind === 'string' &&
    pv.key === 'value' &&
    (pv.ownerType === 'ipv4-addr' || pv.ownerType === 'ipv6-addr') &&
    typeof pv.value === 'string'
  ) {
    const a = parseIpBlock(pv.value);
    const b = parseIpBlock(c.value);
    if (a && b) return blockEquals(a, b);
  }
  return compareValue(pv, c) === 0;
}

// IP addresses and CIDR ranges as 128-bit numbers split in two 64-bit halves, so IPv4 and
// IPv6 share one range table and one binary search. IPv4 lives in the low half.

import { isIPv4, isIPv6 } from 'node:net';

export interface IpNum {
  hi: bigint;
  lo: bigint;
}

export interface IpRange {
  version: 4 | 6;
  start: IpNum;
  end: IpNum;
}

const MASK64 = (1n << 64n) - 1n;

function v4(text: string): bigint {
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6(text: string): bigint {
  let t = text;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const dot = t.lastIndexOf('.');
  if (dot >= 0) {
    const colon = t.lastIndexOf(':');
    const n = v4(t.slice(colon + 1));
    t = `${t.slice(0, colon + 1)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = t.includes('::') ? t.split('::') : [t, undefined];
  const h = head ? head.split(':') : [];
  const tl = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - tl.length).fill('0'), ...tl];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g || '0', 16)), 0n);
}

export function split(n: bigint): IpNum {
  return { hi: n >> 64n, lo: n & MASK64 };
}

export function ipVersion(text: string): 4 | 6 | 0 {
  return isIPv4(text) ? 4 : isIPv6(text) ? 6 : 0;
}

/** One address as a number; undefined when it is not an address. */
export function parseIp(text: string): { version: 4 | 6; n: bigint } | undefined {
  const v = ipVersion(text);
  if (v === 4) return { version: 4, n: v4(text) };
  if (v === 6) return { version: 6, n: v6(text) };
  return undefined;
}

/** An address (a range of one) or a CIDR range; undefined when it is neither. */
export function parseRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const addr = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!addr) return undefined;
  const bits = addr.version === 4 ? 32 : 128;
  let prefix = bits;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > bits) return undefined;
    prefix = Number(p);
  }
  const hostBits = BigInt(bits - prefix);
  const start = (addr.n >> hostBits) << hostBits;
  const end = start | ((1n << hostBits) - 1n);
  return { version: addr.version, start: split(start), end: split(end) };
}

/** IPv4 numbers are placed after every IPv6 one is impossible; tables are kept per version. */
export function compare(a: IpNum, b: IpNum): number {
  if (a.hi !== b.hi) return a.hi < b.hi ? -1 : 1;
  if (a.lo !== b.lo) return a.lo < b.lo ? -1 : 1;
  return 0;
}

export function next(a: IpNum): IpNum {
  return a.lo === MASK64 ? { hi: a.hi + 1n, lo: 0n } : { hi: a.hi, lo: a.lo + 1n };
}

export function numberOf(text: string, version: 4 | 6): bigint {
  return version === 4 ? v4(text) : v6(text);
}

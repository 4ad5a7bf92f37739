// What a value is, in the one normal form the observable index keys it by. The same
// functions read a value an analyst pastes and a value an indicator's pattern or an SCO
// carries, so "10.0.0.1", "EVIL.example." and "http://Evil.EXAMPLE/a#x" find what was
// written as "10.0.0.1/32", "evil.example" and "http://evil.example/a". Pure: no I/O.

import { isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';

export type ValueKind = 'ipv4' | 'ipv6' | 'domain' | 'url' | 'email' | 'hash' | 'as';

/** A value classified and normalised; `text` is the key of the kinds matched by equality. */
export type ObservableValue =
  | { kind: 'ipv4'; net: number; prefix: number }
  | { kind: 'ipv6'; net: bigint; prefix: number }
  | { kind: 'domain'; text: string }
  | { kind: 'url'; text: string; host: ObservableValue | null }
  | { kind: 'email'; text: string; domain: ObservableValue | null }
  | { kind: 'hash'; text: string }
  | { kind: 'as'; text: string };

export const UNRECOGNISED =
  'not an IP address or CIDR range, domain, URL, e-mail address, MD5/SHA-1/SHA-256/SHA-512 hash or AS number';

/** Parses a dotted quad to an unsigned 32-bit number; -1 when it is not one. Hot path: no regex. */
export function parseIpv4(s: string, from = 0, to = s.length): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      // A leading zero ("010") is refused: some parsers read it as octal.
      if (digits > 0 && octet === 0) return -1;
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

/** The network of `addr` under a prefix length, as an unsigned 32-bit number. */
export function maskIpv4(addr: number, prefix: number): number {
  if (prefix === 0) return 0;
  return (addr & (0xffffffff << (32 - prefix))) >>> 0;
}

function ipv4(s: string): ObservableValue | null {
  const slash = s.indexOf('/');
  const addr = parseIpv4(s, 0, slash < 0 ? s.length : slash);
  if (addr < 0) return null;
  if (slash < 0) return { kind: 'ipv4', net: addr, prefix: 32 };
  const p = s.slice(slash + 1);
  if (!/^\d{1,2}$/.test(p) || Number(p) > 32) return null;
  const prefix = Number(p);
  return { kind: 'ipv4', net: maskIpv4(addr, prefix), prefix };
}

function ipv6ToBigInt(s: string): bigint {
  // Node's parser has accepted it; expand "::" and an embedded IPv4 tail.
  let text = s;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const v4 = parseIpv4(tail[1]!);
    text = `${text.slice(0, tail.index)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const groups =
    rest === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  let n = 0n;
  for (const g of groups) n = (n << 16n) | BigInt(Number.parseInt(g || '0', 16));
  return n;
}

export function maskIpv6(addr: bigint, prefix: number): bigint {
  if (prefix === 0) return 0n;
  const mask = ((1n << BigInt(prefix)) - 1n) << BigInt(128 - prefix);
  return addr & mask;
}

function ipv6(s: string): ObservableValue | null {
  const slash = s.indexOf('/');
  const addr = slash < 0 ? s : s.slice(0, slash);
  // Zone ids ("fe80::1%eth0") name an interface, not an address anyone can share.
  if (!isIPv6(addr) || addr.includes('%')) return null;
  let prefix = 128;
  if (slash >= 0) {
    const p = s.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > 128) return null;
    prefix = Number(p);
  }
  return { kind: 'ipv6', net: maskIpv6(ipv6ToBigInt(addr), prefix), prefix };
}

const LABEL = '(?!-)[a-z0-9_-]{1,63}(?<!-)';
const DOMAIN = new RegExp(`^${LABEL}(?:\\.${LABEL})+$`);
const ASCII_NAME = /^[a-z0-9_.-]+$/;
const DIGITS_AND_DOTS = /^[\d.]+$/;

/** A domain name in ASCII (IDNs as punycode), lower case, without a trailing dot; null if not one. */
export function normaliseDomain(s: string): string | null {
  const trimmed = (s.endsWith('.') ? s.slice(0, -1) : s).toLowerCase();
  if (trimmed.length > 253 || trimmed.indexOf('.') < 0) return null;
  // An ASCII name is its own punycode; only IDNs pay for the conversion.
  const ascii = ASCII_NAME.test(trimmed) ? trimmed : domainToASCII(trimmed);
  // A name made of digits and dots is a malformed address, not a domain.
  if (!ascii || DIGITS_AND_DOTS.test(ascii)) return null;
  return DOMAIN.test(ascii) ? ascii : null;
}

function host(h: string): ObservableValue | null {
  const bare = h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
  return ipv4(bare) ?? ipv6(bare) ?? domainValue(bare);
}

function domainValue(s: string): ObservableValue | null {
  const d = normaliseDomain(s);
  return d ? { kind: 'domain', text: d } : null;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** A URL in WHATWG normal form without its fragment (which never leaves the browser). */
export function normaliseUrl(s: string): { text: string; host: ObservableValue | null } | null {
  if (!SCHEME.test(s)) return null;
  try {
    const u = new URL(s);
    u.hash = '';
    return { text: u.href, host: u.hostname ? host(u.hostname) : null };
  } catch {
    return null;
  }
}

const HASH = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$/i;

/**
 * Classifies one value as typed or pasted: IPv4/IPv6 address or CIDR range, URL (with a
 * scheme), e-mail address, hash (MD5, SHA-1, SHA-256, SHA-512 by length), AS number
 * ("AS1234") or domain name. Null when it is none of them.
 */
export function classifyValue(raw: string): ObservableValue | null {
  const s = raw.trim();
  if (s.length === 0 || s.length > 2048) return null;
  const c = s.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    const v4 = ipv4(s);
    if (v4) return v4;
  }
  if (s.includes(':')) {
    const url = normaliseUrl(s);
    if (url) return { kind: 'url', text: url.text, host: url.host };
    return ipv6(s);
  }
  if (HASH.test(s)) return { kind: 'hash', text: s.toLowerCase() };
  if (/^as\d{1,10}$/i.test(s)) return { kind: 'as', text: String(Number(s.slice(2))) };
  const at = s.lastIndexOf('@');
  if (at > 0) {
    const domain = domainValue(s.slice(at + 1));
    return domain ? { kind: 'email', text: s.toLowerCase(), domain } : null;
  }
  return domainValue(s);
}

/** The index key of a value: equal keys mean the same observable. */
export function keyOf(v: ObservableValue): string {
  switch (v.kind) {
    case 'ipv4':
      return `4:${v.net}/${v.prefix}`;
    case 'ipv6':
      return `6:${v.net.toString(16)}/${v.prefix}`;
    case 'domain':
      return `d:${v.text}`;
    case 'url':
      return `u:${v.text}`;
    case 'email':
      return `e:${v.text}`;
    case 'hash':
      return `h:${v.text}`;
    case 'as':
      return `a:${v.text}`;
  }
}

/** The value as people write it, e.g. "10.0.0.0/8" or "evil.example". */
export function displayValue(v: ObservableValue): string {
  switch (v.kind) {
    case 'ipv4': {
      const n = v.net;
      const dotted = `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
      return v.prefix === 32 ? dotted : `${dotted}/${v.prefix}`;
    }
    case 'ipv6': {
      const hex = v.net.toString(16).padStart(32, '0');
      const groups = hex.match(/.{4}/g)!.map((g) => g.replace(/^0+(?=.)/, ''));
      return v.prefix === 128 ? groups.join(':') : `${groups.join(':')}/${v.prefix}`;
    }
    case 'as':
      return `AS${v.text}`;
    default:
      return v.text;
  }
}

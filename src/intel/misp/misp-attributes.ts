// MISP attribute types as STIX Cyber-observables and pattern terms. One table, read both ways:
// import turns (type, value) into SCOs and a pattern; export turns an observable back into
// (type, value). Types not in the table are not guessed at: the caller keeps them as notes.

import { scoDeterministicId } from '../../stix/ids.js';

export interface MappedValue {
  /** SCOs the value is made of, with their deterministic ids; the first is the main one. */
  scos: Record<string, unknown>[];
  /** Comparison terms that together say "this value" (joined with AND into a pattern). */
  terms: string[];
}

const HASH_KEYS: Readonly<Record<string, string>> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha224: 'SHA-224',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
  ssdeep: 'SSDEEP',
  tlsh: 'TLSH',
};

export const quote = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const hashPath = (alg: string) => (/^[A-Z0-9]+$/.test(alg) ? `hashes.${alg}` : `hashes.'${alg}'`);

function sco(o: Record<string, unknown>): Record<string, unknown> {
  const id = scoDeterministicId(o);
  return { type: o.type, spec_version: '2.1', id, ...o };
}

const ipType = (v: string) => (v.includes(':') ? 'ipv6-addr' : 'ipv4-addr');

function ip(v: string): MappedValue {
  const t = ipType(v);
  return { scos: [sco({ type: t, value: v })], terms: [`${t}:value = ${quote(v)}`] };
}

function simple(type: string, prop: string) {
  return (v: string): MappedValue => ({
    scos: [sco({ type, [prop]: v })],
    terms: [`${type}:${prop} = ${quote(v)}`],
  });
}

function hash(alg: string, name?: string) {
  return (v: string): MappedValue => {
    const o: Record<string, unknown> = { type: 'file', hashes: { [alg]: v } };
    const terms = [`file:${hashPath(alg)} = ${quote(v)}`];
    if (name !== undefined) {
      o.name = name;
      terms.unshift(`file:name = ${quote(name)}`);
    }
    return { scos: [sco(o)], terms };
  };
}

function splitPair(v: string): [string, string] | null {
  const i = v.lastIndexOf('|');
  return i > 0 && i < v.length - 1 ? [v.slice(0, i), v.slice(i + 1)] : null;
}

type Mapper = (value: string) => MappedValue | null;

const MAPPERS: Readonly<Record<string, Mapper>> = {
  'ip-src': ip,
  'ip-dst': ip,
  domain: simple('domain-name', 'value'),
  hostname: simple('domain-name', 'value'),
  url: simple('url', 'value'),
  uri: simple('url', 'value'),
  email: simple('email-addr', 'value'),
  'email-src': simple('email-addr', 'value'),
  'email-dst': simple('email-addr', 'value'),
  filename: simple('file', 'name'),
  mutex: simple('mutex', 'name'),
  'mac-address': simple('mac-addr', 'value'),
  regkey: simple('windows-registry-key', 'key'),
  AS: (v) => {
    const n = Number(v.replace(/^AS/i, ''));
    if (!Number.isInteger(n) || n < 0) return null;
    return {
      scos: [sco({ type: 'autonomous-system', number: n })],
      terms: [`autonomous-system:number = ${n}`],
    };
  },
  'domain|ip': (v) => {
    const p = splitPair(v);
    if (!p) return null;
    const d = simple('domain-name', 'value')(p[0]);
    const a = ip(p[1]);
    d.scos[0]!.resolves_to_refs = [a.scos[0]!.id];
    // The id does not depend on resolves_to_refs, so it stays the domain's own.
    return { scos: [...d.scos, ...a.scos], terms: [...d.terms, ...a.terms] };
  },
  'ip-src|port': (v) => ipPort(v, 'src_port'),
  'ip-dst|port': (v) => ipPort(v, 'dst_port'),
  'x509-fingerprint-sha1': (v) => ({
    scos: [sco({ type: 'x509-certificate', hashes: { 'SHA-1': v } })],
    terms: [`x509-certificate:hashes.'SHA-1' = ${quote(v)}`],
  }),
};
for (const [t, alg] of Object.entries(HASH_KEYS)) {
  (MAPPERS as Record<string, Mapper>)[t] = (v) => hash(alg)(v);
  (MAPPERS as Record<string, Mapper>)[`filename|${t}`] = (v) => {
    const p = splitPair(v);
    return p ? hash(alg, p[0])(p[1]) : null;
  };
}

function ipPort(v: string, side: 'src_port' | 'dst_port'): MappedValue | null {
  const p = splitPair(v);
  const port = p ? Number(p[1]) : Number.NaN;
  if (!p || !Number.isInteger(port) || port < 0 || port > 65535) return null;
  const a = ip(p[0]);
  return { scos: a.scos, terms: [...a.terms, `network-traffic:${side} = ${port}`] };
}

/** The SCOs and pattern terms of a MISP value; `null` when the type is not mapped or the value is malformed. */
export function mapAttributeValue(type: string, value: string): MappedValue | null {
  const m = MAPPERS[type];
  if (!m || value.trim() === '') return null;
  try {
    return m(value.trim());
  } catch {
    return null;
  }
}

export function isMappedType(type: string): boolean {
  return type in MAPPERS;
}

/** MISP types whose value is prose: kept as a STIX note, which is what it is. */
export const PROSE_TYPES = new Set(['text', 'comment', 'other']);

/**
 * The MISP type and value of an observable term, for export. Hash algorithms, e-mail and
 * the rest follow the table above; an address is `ip-dst` (MISP's usual choice for a
 * blocklist) unless the original type travelled in `x_misp_type`.
 */
export function mispTypeOf(kind: string, hashAlg: string | null): string | undefined {
  switch (kind) {
    case 'ipv4':
    case 'ipv6':
      return 'ip-dst';
    case 'domain':
      return 'domain';
    case 'url':
      return 'url';
    case 'email':
      return 'email-src';
    case 'hash': {
      const found = Object.entries(HASH_KEYS).find(([, alg]) => alg === hashAlg);
      return found?.[0];
    }
    default:
      return undefined;
  }
}

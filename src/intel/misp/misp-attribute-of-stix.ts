// The MISP attribute type and value of an indicator or observable: exact where the object came
// from MISP (its `x_misp_type`), else inferred from the SCO or a one-comparison pattern. Pure.

import { isMappedType, mapAttributeValue } from './misp-attributes.js';
import { isRec, type Rec, str } from './misp-shape.js';

export interface TypeAndValue {
  type: string;
  value: string;
}

/** The MISP (type, value) of an indicator or SCO: exact where it came from MISP, else inferred. */
export function typeAndValue(o: Rec): TypeAndValue | null {
  const given = str(o.x_misp_type);
  if (o.type === 'indicator') {
    const name = str(o.name);
    if (given && name) {
      const m = mapAttributeValue(given, name);
      if (m && `[${m.terms.join(' AND ')}]` === o.pattern) return { type: given, value: name };
    }
    return inferFromPattern(str(o.pattern) ?? '');
  }
  const value = scoValue(o);
  if (value === null) return null;
  if (given && isMappedType(given) && mapAttributeValue(given, value)) return { type: given, value };
  return defaultType(o, value);
}

function scoValue(o: Rec): string | null {
  const hashes = isRec(o.hashes) ? Object.values(o.hashes).filter((h) => typeof h === 'string') : [];
  switch (o.type) {
    case 'file': {
      const name = str(o.name);
      const hash = hashes[0] as string | undefined;
      if (name && hash && str(o.x_misp_type)?.startsWith('filename|')) return `${name}|${hash}`;
      return hash ?? name ?? null;
    }
    case 'x509-certificate':
      return (hashes[0] as string | undefined) ?? null;
    case 'mutex':
      return str(o.name) ?? null;
    case 'windows-registry-key':
      return str(o.key) ?? null;
    case 'autonomous-system':
      return str(o.number) ? `AS${str(o.number)}` : null;
    default:
      return str(o.value) ?? null;
  }
}

function defaultType(o: Rec, value: string): TypeAndValue | null {
  const byType: Record<string, string> = {
    'ipv4-addr': 'ip-dst',
    'ipv6-addr': 'ip-dst',
    'domain-name': 'domain',
    url: 'url',
    'email-addr': 'email-src',
    mutex: 'mutex',
    'mac-addr': 'mac-address',
    'windows-registry-key': 'regkey',
    'autonomous-system': 'AS',
    'x509-certificate': 'x509-fingerprint-sha1',
  };
  if (o.type === 'file') {
    const hashes = isRec(o.hashes) ? Object.keys(o.hashes) : [];
    const alg = hashes[0]?.toLowerCase().replace(/-/g, '');
    return { type: alg ?? 'filename', value };
  }
  const t = byType[String(o.type)];
  return t ? { type: t, value } : null;
}

/** `[x:y = 'v']` patterns of one comparison; anything richer is not an attribute. */
function inferFromPattern(pattern: string): TypeAndValue | null {
  const m = /^\[([a-z0-9-]+):([A-Za-z0-9_.'-]+) = '((?:[^'\\]|\\.)*)'\]$/.exec(pattern);
  if (!m) return null;
  const value = m[3]!.replace(/\\(.)/g, '$1');
  const [, type, path] = m;
  if (type === 'file' && path!.startsWith('hashes.')) {
    const alg = path!.slice(7).replace(/'/g, '').toLowerCase().replace(/-/g, '');
    return { type: alg, value };
  }
  return defaultType({ type, value, name: value, key: value }, value);
}

/** The MISP category an attribute type usually has, when the object does not say. */
export const CATEGORY: Record<string, string> = {
  'ip-dst': 'Network activity',
  'ip-src': 'Network activity',
  domain: 'Network activity',
  hostname: 'Network activity',
  url: 'Network activity',
  'email-src': 'Payload delivery',
  vulnerability: 'External analysis',
  link: 'External analysis',
  text: 'Other',
};

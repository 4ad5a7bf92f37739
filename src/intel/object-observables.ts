// The observables a STIX object speaks of, as index keys: the terms of an indicator's
// pattern that an equality or CIDR lookup can find, and the values of cyber-observable
// objects (also those embedded in STIX 2.0-era observed-data). Pure: no I/O.

import { extractObservableSet, parsePattern } from '../stix/pattern/index.js';
import { classifyValue, keyOf, type ObservableValue } from './observable-keys.js';

export interface ObjectObservable {
  key: string;
  value: ObservableValue;
  /**
   * True when an observation holding this value alone matches: the object is about the
   * value. False for a term of a pattern that asks for more (`… AND file:name = 'x'`).
   */
  sufficient: boolean;
}

/** Types whose objects can carry observables; the index reads only these. */
export const OBSERVABLE_TYPES = [
  'indicator',
  'observed-data',
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'email-addr',
  'file',
  'artifact',
  'x509-certificate',
  'autonomous-system',
] as const;

const HASH_KEYS = /^hashes\./;

function fromString(scoType: string, property: string, raw: unknown, cidr: boolean): ObservableValue | null {
  if (typeof raw === 'number' && scoType === 'autonomous-system' && property === 'number')
    return Number.isInteger(raw) && raw >= 0 ? { kind: 'as', text: String(raw) } : null;
  if (typeof raw !== 'string') return null;
  const v = classifyValue(raw);
  if (!v) return null;
  if (HASH_KEYS.test(property)) return v.kind === 'hash' ? v : null;
  // Only a value property names an address, name or URL; `file:name = 'evil.exe'` is not a domain.
  if (!/(^|\.)value$/.test(property)) return null;
  if (cidr && v.kind !== 'ipv4' && v.kind !== 'ipv6') return null;
  return v;
}

function add(out: ObjectObservable[], value: ObservableValue | null, sufficient: boolean): void {
  if (!value) return;
  const key = keyOf(value);
  const held = out.find((o) => o.key === key);
  if (held) held.sufficient ||= sufficient;
  else out.push({ key, value, sufficient });
}

function fromSco(out: ObjectObservable[], sco: Record<string, unknown>): void {
  const type = typeof sco.type === 'string' ? sco.type : '';
  if (type === 'autonomous-system') add(out, fromString(type, 'number', sco.number, false), true);
  else if (typeof sco.value === 'string') add(out, fromString(type, 'value', sco.value, false), true);
  const hashes = sco.hashes;
  if (hashes && typeof hashes === 'object')
    for (const h of Object.values(hashes)) add(out, fromString(type, 'hashes.x', h, false), true);
}

function fromPattern(out: ObjectObservable[], pattern: string): void {
  const parsed = parsePattern(pattern);
  if (!parsed.ok) return;
  for (const t of extractObservableSet(parsed.ast).terms) {
    if (t.op !== 'eq' && t.op !== 'cidr') continue;
    add(out, fromString(t.scoType, t.property, t.value, t.op === 'cidr'), t.sufficient);
  }
}

/** Every observable the object speaks of; empty for objects that speak of none. */
export function observablesOf(object: Readonly<Record<string, unknown>>): ObjectObservable[] {
  const out: ObjectObservable[] = [];
  if (object.type === 'indicator') {
    if (object.pattern_type === 'stix' && typeof object.pattern === 'string')
      fromPattern(out, object.pattern);
  } else if (object.type === 'observed-data') {
    const embedded = object.objects;
    if (embedded && typeof embedded === 'object')
      for (const sco of Object.values(embedded))
        if (sco && typeof sco === 'object') fromSco(out, sco as Record<string, unknown>);
  } else fromSco(out, object as Record<string, unknown>);
  return out;
}

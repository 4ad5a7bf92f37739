// The observables a STIX object speaks of, as index keys: the terms of an indicator's
// pattern that an equality or CIDR lookup can find, and the values of cyber-observable
// objects (also those embedded in STIX 2.0-era observed-data). Pure: no I/O.

import { extractObservableSet, type Pattern, parsePattern } from '../stix/pattern/index.js';
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

/** The observables found so far, by key: a pattern's IN list of n values costs n, not n². */
type Found = Map<string, ObjectObservable>;

function add(out: Found, value: ObservableValue | null, sufficient: boolean): void {
  if (!value) return;
  const key = keyOf(value);
  const held = out.get(key);
  if (held) held.sufficient ||= sufficient;
  else out.set(key, { key, value, sufficient });
}

function fromSco(out: Found, sco: Record<string, unknown>): void {
  const type = typeof sco.type === 'string' ? sco.type : '';
  if (type === 'autonomous-system') add(out, fromString(type, 'number', sco.number, false), true);
  else if (typeof sco.value === 'string') add(out, fromString(type, 'value', sco.value, false), true);
  const hashes = sco.hashes;
  if (hashes && typeof hashes === 'object')
    for (const h of Object.values(hashes)) add(out, fromString(type, 'hashes.x', h, false), true);
}

/**
 * Trees of patterns read already, by their text: an import's batch validates each pattern
 * and then reads its observables, and keeps the trees it made for that batch alone.
 */
export type KnownPatterns = ReadonlyMap<string, Pattern>;

/** Adds the pattern's terms; returns why the pattern could not be read, if it could not. */
function fromPattern(out: Found, pattern: string, known: KnownPatterns | undefined): string | undefined {
  const tree = known?.get(pattern);
  const parsed = tree ? ({ ok: true, ast: tree } as const) : parsePattern(pattern);
  if (!parsed.ok) return `its pattern cannot be read: ${parsed.error.message}`;
  for (const t of extractObservableSet(parsed.ast).terms) {
    if (t.op !== 'eq' && t.op !== 'cidr') continue;
    add(out, fromString(t.scoType, t.property, t.value, t.op === 'cidr'), t.sufficient);
  }
  return undefined;
}

export interface ObservableReading {
  observables: ObjectObservable[];
  /** Why the object (or part of it) could not be read — it was stored before a limit held. */
  unreadable?: string;
}

/**
 * Every observable the object speaks of, and whether something in it could not be read.
 * Never throws for any object, however deep or large: the index relies on that.
 */
export function readObservables(
  object: Readonly<Record<string, unknown>>,
  known?: KnownPatterns,
): ObservableReading {
  const out: Found = new Map();
  let unreadable: string | undefined;
  try {
    unreadable = collect(out, object, known);
  } catch (e) {
    unreadable = `it cannot be read: ${(e as Error).message}`;
  }
  const observables = [...out.values()];
  return unreadable === undefined ? { observables } : { observables, unreadable };
}

/** Every observable the object speaks of; empty for objects that speak of none. */
export function observablesOf(
  object: Readonly<Record<string, unknown>>,
  known?: KnownPatterns,
): ObjectObservable[] {
  return readObservables(object, known).observables;
}

function collect(
  out: Found,
  object: Readonly<Record<string, unknown>>,
  known: KnownPatterns | undefined,
): string | undefined {
  if (object.type === 'indicator') {
    if (object.pattern_type === 'stix' && typeof object.pattern === 'string')
      return fromPattern(out, object.pattern, known);
  } else if (object.type === 'observed-data') {
    const embedded = object.objects;
    if (embedded && typeof embedded === 'object')
      for (const sco of Object.values(embedded))
        if (sco && typeof sco === 'object') fromSco(out, sco as Record<string, unknown>);
  } else fromSco(out, object as Record<string, unknown>);
  return undefined;
}

// STIX identifiers `<type>--<uuid>`, and the deterministic (UUIDv5) ids of SCOs.
import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';
import { canonicalJson } from './canonical.js';

/** Type names: lowercase ASCII letters, digits and single hyphens (the `--` separates type and UUID). */
export const TYPE_NAME_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The namespace the STIX 2.1 specification fixes for SCO UUIDv5 ids. */
export const SCO_ID_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

const UUID_LENGTH = 36;

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

// Hand-written: ids are checked for every reference of every object on the import path.
// RFC 4122/9562 shape: version nibble 1–8, variant 10xx; upper-case hex is legal input per RFC 4122.
function isUuidAt(s: string, start: number): boolean {
  if (s.length - start !== UUID_LENGTH) return false;
  for (let i = 0; i < UUID_LENGTH; i++) {
    const c = s.charCodeAt(start + i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45 /* - */) return false;
    } else if (!isHex(c)) {
      return false;
    }
  }
  const version = s.charCodeAt(start + 14);
  const variant = s.charCodeAt(start + 19) | 0x20;
  return (
    version >= 49 && version <= 56 && (variant === 56 || variant === 57 || variant === 97 || variant === 98)
  );
}

// Type names recur endlessly; remember which are valid (bounded, since names come from input).
const typeNameCache = new Map<string, boolean>();

function isTypeName(type: string): boolean {
  let ok = typeNameCache.get(type);
  if (ok === undefined) {
    ok = TYPE_NAME_RE.test(type);
    if (typeNameCache.size < 10_000) typeNameCache.set(type, ok);
  }
  return ok;
}

export interface ParsedStixId {
  type: string;
  uuid: string;
}

export function parseStixId(id: unknown): ParsedStixId | null {
  if (typeof id !== 'string' || id.length <= UUID_LENGTH + 2) return null;
  const typeEnd = id.length - UUID_LENGTH - 2;
  if (id.charCodeAt(typeEnd) !== 45 || id.charCodeAt(typeEnd + 1) !== 45 || !isUuidAt(id, typeEnd + 2))
    return null;
  const type = id.slice(0, typeEnd);
  return isTypeName(type) ? { type, uuid: id.slice(typeEnd + 2) } : null;
}

/** True for a well-formed STIX id; with `type`, also requires that type prefix. */
export function isStixId(id: unknown, type?: string): id is string {
  if (typeof id !== 'string') return false;
  if (type === undefined) return parseStixId(id) !== null;
  return (
    id.length === type.length + UUID_LENGTH + 2 &&
    id.startsWith(type) &&
    id.charCodeAt(type.length) === 45 &&
    id.charCodeAt(type.length + 1) === 45 &&
    isUuidAt(id, type.length + 2) &&
    isTypeName(type)
  );
}

export function newStixId(type: string): string {
  return `${type}--${uuidv4()}`;
}

/**
 * ID contributing properties per SCO type (STIX 2.1, section 6). `process` has none, so
 * its ids are UUIDv4; custom SCOs define theirs in their extension-definition, unknown here.
 */
export const SCO_ID_PROPERTIES: ReadonlyMap<string, readonly string[]> = new Map([
  ['artifact', ['hashes', 'payload_bin']],
  ['autonomous-system', ['number']],
  ['directory', ['path']],
  ['domain-name', ['value']],
  ['email-addr', ['value']],
  ['email-message', ['from_ref', 'subject', 'body']],
  ['file', ['hashes', 'name', 'extensions', 'parent_directory_ref']],
  ['ipv4-addr', ['value']],
  ['ipv6-addr', ['value']],
  ['mac-addr', ['value']],
  ['mutex', ['name']],
  [
    'network-traffic',
    ['start', 'end', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols', 'extensions'],
  ],
  ['process', []],
  ['software', ['name', 'cpe', 'swid', 'vendor', 'version']],
  ['url', ['value']],
  ['user-account', ['account_type', 'user_id', 'account_login']],
  ['windows-registry-key', ['key', 'values']],
  ['x509-certificate', ['hashes', 'serial_number']],
]);

const PREFERRED_HASHES = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'] as const;

// Only one hash contributes, so that adding a stronger hash later does not change the id.
// Without a preferred one, the first key is used, as the OASIS python library does.
function oneHash(hashes: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const name of PREFERRED_HASHES) {
    if (name in hashes) return { [name]: hashes[name] };
  }
  for (const name in hashes) return { [name]: hashes[name] };
  return undefined;
}

/**
 * The deterministic id the spec prescribes for an SCO: UUIDv5 in the SCO namespace over the
 * RFC 8785 canonical JSON of its ID contributing properties. Null when the spec says UUIDv4
 * (no contributing property present, `process`, or a type whose properties are unknown here).
 */
export function scoDeterministicId(obj: Readonly<Record<string, unknown>>): string | null {
  const type = obj['type'];
  if (typeof type !== 'string') return null;
  const names = SCO_ID_PROPERTIES.get(type);
  if (names === undefined || names.length === 0) return null;
  const contributing: Record<string, unknown> = {};
  let any = false;
  for (const name of names) {
    let value = obj[name];
    if (value === undefined || value === null) continue;
    if (name === 'hashes') {
      if (typeof value !== 'object') continue;
      value = oneHash(value as Record<string, unknown>);
      if (value === undefined) continue;
    }
    contributing[name] = value;
    any = true;
  }
  if (!any) return null;
  return `${type}--${uuidv5(canonicalJson(contributing), SCO_ID_NAMESPACE)}`;
}

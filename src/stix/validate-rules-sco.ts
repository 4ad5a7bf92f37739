// Cross-property rules of SCOs, value syntax of address SCOs, and the deterministic-id check.
import { isIPv6 } from 'node:net';
import { isStixId, scoDeterministicId } from './ids.js';
import { at, type IssueSink, index, isPlainObject, show } from './validate-context.js';
import { checkOrder, forbidTogether, has, type Rule, requireOneOf, requireWith } from './validate-rules.js';

const IPV4_RE =
  /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\/(?:3[0-2]|[12]?\d))?$/;
const IPV6_PREFIX_RE = /^\/(?:12[0-8]|1[01]\d|[1-9]?\d)$/;
const MAC_RE = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;
/** Properties every SCO may carry; "at least one property" rules count the others. */
const SCO_COMMON_NAMES: ReadonlySet<string> = new Set([
  'type',
  'id',
  'spec_version',
  'object_marking_refs',
  'granular_markings',
  'defanged',
]);

function isIpv6Value(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash === -1) return isIPv6(value);
  return isIPv6(value.slice(0, slash)) && IPV6_PREFIX_RE.test(value.slice(slash));
}

function valueSyntax(test: (value: string) => boolean, expect: string): Rule {
  return (sink, obj, path) => {
    const value = obj['value'];
    if (typeof value === 'string' && !test(value)) {
      sink.error(at(path, 'value'), 'invalid-value', `value must be ${expect}, got ${show(value)}`);
    }
  };
}

function atLeastOneProperty(kind: string): Rule {
  return (sink, obj, path) => {
    for (const key in obj) if (!SCO_COMMON_NAMES.has(key)) return;
    sink.error(
      path,
      'missing-one-of',
      `a ${kind} object needs at least one property besides the common ones`,
    );
  };
}

function checkArtifact(sink: IssueSink, obj: Readonly<Record<string, unknown>>, path: string): void {
  forbidTogether(sink, obj, path, 'payload_bin', 'url');
  requireOneOf(sink, obj, path, ['payload_bin', 'url']);
  requireWith(sink, obj, path, 'url', 'hashes');
  requireWith(sink, obj, path, 'decryption_key', 'encryption_algorithm');
}

function checkEmailMessage(sink: IssueSink, obj: Readonly<Record<string, unknown>>, path: string): void {
  if (obj['is_multipart'] === true && has(obj, 'body')) {
    sink.error(
      at(path, 'body'),
      'exclusive-properties',
      'body must not be present when is_multipart is true; use body_multipart',
    );
  }
  if (obj['is_multipart'] === false && has(obj, 'body_multipart')) {
    sink.error(
      at(path, 'body_multipart'),
      'exclusive-properties',
      'body_multipart must not be present when is_multipart is false',
    );
  }
  const parts = obj['body_multipart'];
  if (!Array.isArray(parts)) return;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!isPlainObject(part)) continue;
    const partPath = index(at(path, 'body_multipart'), i);
    forbidTogether(sink, part, partPath, 'body', 'body_raw_ref');
    requireOneOf(sink, part, partPath, ['body', 'body_raw_ref']);
  }
}

function checkFile(sink: IssueSink, obj: Readonly<Record<string, unknown>>, path: string): void {
  requireOneOf(sink, obj, path, ['hashes', 'name']);
  requireWith(sink, obj, path, 'name_enc', 'name');
}

function checkNetworkTraffic(sink: IssueSink, obj: Readonly<Record<string, unknown>>, path: string): void {
  requireOneOf(sink, obj, path, ['src_ref', 'dst_ref']);
  checkOrder(sink, obj, path, 'start', 'end');
  if (obj['is_active'] === true && has(obj, 'end')) {
    sink.error(at(path, 'end'), 'exclusive-properties', 'end must not be present when is_active is true');
  }
}

export const SCO_RULES: ReadonlyMap<string, Rule> = new Map<string, Rule>([
  ['artifact', checkArtifact],
  ['directory', (sink, obj, path) => requireWith(sink, obj, path, 'path_enc', 'path')],
  ['email-message', checkEmailMessage],
  ['file', checkFile],
  [
    'ipv4-addr',
    valueSyntax(
      (v) => IPV4_RE.test(v),
      'an IPv4 address or CIDR block such as 198.51.100.3 or 198.51.100.0/24',
    ),
  ],
  [
    'ipv6-addr',
    valueSyntax(isIpv6Value, 'an IPv6 address or CIDR block such as 2001:db8::1 or 2001:db8::/32'),
  ],
  [
    'mac-addr',
    valueSyntax(
      (v) => MAC_RE.test(v),
      'a lower-case, colon-separated MAC-48 address such as d2:fb:49:24:37:18',
    ),
  ],
  ['network-traffic', checkNetworkTraffic],
  ['process', atLeastOneProperty('process')],
  ['x509-certificate', atLeastOneProperty('x509-certificate')],
]);

/** Warns when an SCO's id is not the UUIDv5 id the spec derives from its contributing properties. */
export function checkScoId(sink: IssueSink, obj: Readonly<Record<string, unknown>>, path: string): void {
  const id = obj['id'];
  if (typeof id !== 'string' || !isStixId(id)) return;
  let expected: string | null;
  try {
    expected = scoDeterministicId(obj);
  } catch {
    return; // contributing properties JSON cannot carry (already reported as invalid)
  }
  if (expected !== null && expected !== id.toLowerCase()) {
    sink.warn(
      at(path, 'id'),
      'sco-id-not-deterministic',
      `id is ${id}, but the deterministic id from its ID contributing properties is ${expected}`,
    );
  }
}

// The STIX data types that are small structures: hashes, external references, kill chain
// phases, language tags.
import { at, type IssueSink, index, isPlainObject, kindOf, show } from './validate-context.js';
import { HASH_FORMATS, HASH_NAME_LOOKALIKES } from './vocab.js';

const HASH_NAME_RE = /^[A-Za-z0-9_-]{3,250}$/;
const LOOKALIKE_STRIP_RE = /[-_]/g;
const CVE_RE = /^CVE-\d{4}-\d{4,}$/;
const CAPEC_RE = /^CAPEC-\d+$/;
const STYLE_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// RFC 5646 language tag (langtag | privateuse | grandfathered irregular "i-…"), case-insensitive.
const LANG_RE =
  /^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?|x(?:-[a-z\d]{1,8})+|i-[a-z]{2,8}|en-gb-oed|sgn-(?:be-fr|be-nl|ch-de))$/i;

export function isLanguageTag(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 255 && LANG_RE.test(value);
}

export function checkLang(sink: IssueSink, value: unknown, path: string, name: string): void {
  if (!isLanguageTag(value)) {
    sink.error(
      path,
      'invalid-lang',
      `${name} must be an RFC 5646 language tag such as "en" or "ru-RU", got ${show(value)}`,
    );
  }
}

export function checkHashes(sink: IssueSink, value: unknown, path: string, name: string): void {
  if (!isPlainObject(value)) {
    sink.error(
      path,
      'invalid-type',
      `${name} must be a dictionary of hash name → value, got ${kindOf(value)}`,
    );
    return;
  }
  let count = 0;
  for (const key in value) {
    count++;
    const hashPath = at(path, key);
    const hash = value[key];
    if (!HASH_NAME_RE.test(key)) {
      sink.error(
        hashPath,
        'invalid-hash-name',
        `hash name ${show(key)} must be 3–250 characters of A–Z, a–z, 0–9, - and _`,
      );
      continue;
    }
    if (typeof hash !== 'string') {
      sink.error(hashPath, 'invalid-type', `the ${key} hash must be a string, got ${kindOf(hash)}`);
      continue;
    }
    const format = HASH_FORMATS.get(key);
    if (format !== undefined) {
      if (!format.re.test(hash)) {
        sink.error(
          hashPath,
          'invalid-hash',
          `${key} must be ${format.expect}, got ${show(hash)} (${hash.length} characters)`,
        );
      }
      continue;
    }
    const meant = HASH_NAME_LOOKALIKES.get(key.toLowerCase().replace(LOOKALIKE_STRIP_RE, ''));
    if (meant !== undefined) {
      sink.warn(
        hashPath,
        'hash-name-lookalike',
        `hash name ${show(key)} is read as a custom hash; the vocabulary name is ${meant}`,
      );
    }
  }
  if (count === 0) sink.error(path, 'empty-value', `${name} must hold at least one hash`);
}

function checkList(sink: IssueSink, value: unknown, path: string, name: string): value is unknown[] {
  if (!Array.isArray(value)) {
    sink.error(path, 'invalid-type', `${name} must be a list, got ${kindOf(value)}`);
    return false;
  }
  if (value.length === 0) {
    sink.error(path, 'empty-list', `${name} must not be an empty list`);
    return false;
  }
  return true;
}

function checkString(
  sink: IssueSink,
  item: Record<string, unknown>,
  key: string,
  path: string,
  required: boolean,
) {
  const value = item[key];
  if (value === undefined) {
    if (required) sink.error(at(path, key), 'missing-property', `${key} is required`);
    return;
  }
  if (typeof value !== 'string')
    sink.error(at(path, key), 'invalid-type', `${key} must be a string, got ${kindOf(value)}`);
}

const EXTERNAL_REFERENCE_KEYS: ReadonlySet<string> = new Set([
  'source_name',
  'description',
  'url',
  'hashes',
  'external_id',
]);
const KILL_CHAIN_PHASE_KEYS: ReadonlySet<string> = new Set(['kill_chain_name', 'phase_name']);

function warnUnknownKeys(
  sink: IssueSink,
  item: Record<string, unknown>,
  known: ReadonlySet<string>,
  path: string,
) {
  for (const key in item) {
    if (!known.has(key))
      sink.warn(at(path, key), 'unknown-property', `${key} is not a property of this structure`);
  }
}

export function checkExternalReferences(sink: IssueSink, value: unknown, path: string, name: string): void {
  if (!checkList(sink, value, path, name)) return;
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    const itemPath = index(path, i);
    if (!isPlainObject(item)) {
      sink.error(itemPath, 'invalid-type', `an external reference must be an object, got ${kindOf(item)}`);
      continue;
    }
    checkString(sink, item, 'source_name', itemPath, true);
    checkString(sink, item, 'description', itemPath, false);
    checkString(sink, item, 'url', itemPath, false);
    checkString(sink, item, 'external_id', itemPath, false);
    if (item['hashes'] !== undefined) checkHashes(sink, item['hashes'], at(itemPath, 'hashes'), 'hashes');
    if (item['description'] === undefined && item['url'] === undefined && item['external_id'] === undefined) {
      sink.error(
        itemPath,
        'external-reference-incomplete',
        `external reference ${show(item['source_name'])} needs at least one of description, url, external_id`,
      );
    }
    const externalId = item['external_id'];
    if (typeof externalId === 'string') {
      const source = item['source_name'];
      if (source === 'cve' && !CVE_RE.test(externalId)) {
        sink.error(
          at(itemPath, 'external_id'),
          'invalid-external-id',
          `a cve external_id must look like CVE-2014-0160, got ${show(externalId)}`,
        );
      } else if (source === 'capec' && !CAPEC_RE.test(externalId)) {
        sink.error(
          at(itemPath, 'external_id'),
          'invalid-external-id',
          `a capec external_id must look like CAPEC-550, got ${show(externalId)}`,
        );
      }
    }
    warnUnknownKeys(sink, item, EXTERNAL_REFERENCE_KEYS, itemPath);
  }
}

export function checkKillChainPhases(sink: IssueSink, value: unknown, path: string, name: string): void {
  if (!checkList(sink, value, path, name)) return;
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    const itemPath = index(path, i);
    if (!isPlainObject(item)) {
      sink.error(itemPath, 'invalid-type', `a kill chain phase must be an object, got ${kindOf(item)}`);
      continue;
    }
    for (const key of KILL_CHAIN_PHASE_KEYS) {
      checkString(sink, item, key, itemPath, true);
      const text = item[key];
      if (typeof text === 'string' && !STYLE_RE.test(text)) {
        sink.warn(
          at(itemPath, key),
          'vocabulary-style',
          `${key} ${show(text)} should be lower case with hyphens between words`,
        );
      }
    }
    warnUnknownKeys(sink, item, KILL_CHAIN_PHASE_KEYS, itemPath);
  }
}

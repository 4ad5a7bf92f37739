// Cross-property rules of SDOs, SROs and meta objects: the MUSTs a property table cannot express.
import { parseStixId } from './ids.js';
import { SCO_TYPES, SDO_TYPES, SRO_TYPES } from './types.js';
import { at, type IssueSink, isPlainObject, show } from './validate-context.js';
import { checkExtensionDefinition } from './validate-extensions.js';
import { checkMarkingDefinition } from './validate-markings.js';
import { checkOrder, forbidTogether, has, type Rule, requireOneOf, requireWith } from './validate-rules.js';
import { isLanguageTag } from './validate-structs.js';

const RELATIONSHIP_TYPE_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const seenOrder: Rule = (sink, obj, path) => checkOrder(sink, obj, path, 'first_seen', 'last_seen');

function checkIndicator(sink: IssueSink, obj: Readonly<Record<string, unknown>>, path: string): void {
  checkOrder(sink, obj, path, 'valid_from', 'valid_until', true);
  const pattern = obj['pattern'];
  if (typeof pattern !== 'string') return;
  if (pattern.trim() === '') {
    sink.error(at(path, 'pattern'), 'empty-value', 'pattern must not be empty');
    return;
  }
  if (obj['pattern_type'] === 'stix' && sink.checkPattern !== undefined) {
    for (const problem of sink.checkPattern(pattern))
      sink.error(at(path, 'pattern'), 'invalid-pattern', problem.message);
  }
}

function checkLocation(sink: IssueSink, obj: Readonly<Record<string, unknown>>, path: string): void {
  const hasPoint = has(obj, 'latitude') && has(obj, 'longitude');
  if (!hasPoint && !has(obj, 'region') && !has(obj, 'country')) {
    sink.error(path, 'missing-one-of', 'a location needs region, country, or latitude and longitude');
  }
  requireWith(sink, obj, path, 'latitude', 'longitude');
  requireWith(sink, obj, path, 'longitude', 'latitude');
  requireWith(sink, obj, path, 'precision', 'latitude');
}

function checkMalware(sink: IssueSink, obj: Readonly<Record<string, unknown>>, path: string): void {
  seenOrder(sink, obj, path);
  if (obj['is_family'] === true && !has(obj, 'name')) {
    sink.error(at(path, 'name'), 'missing-property', 'name is required when is_family is true');
  }
}

function checkObservedData(sink: IssueSink, obj: Readonly<Record<string, unknown>>, path: string): void {
  checkOrder(sink, obj, path, 'first_observed', 'last_observed');
  forbidTogether(sink, obj, path, 'objects', 'object_refs');
  requireOneOf(sink, obj, path, ['object_refs', 'objects']);
  if (has(obj, 'objects'))
    sink.warn(
      at(path, 'objects'),
      'deprecated-property',
      'objects is deprecated in STIX 2.1; use object_refs',
    );
  const refs = obj['object_refs'];
  if (Array.isArray(refs) && refs.length > 0) {
    // At least one SCO; a custom type might be one, so only all-known non-SCO lists fail.
    const anySco = refs.some((ref) => {
      const type = parseStixId(ref)?.type;
      return type === undefined || SCO_TYPES.has(type) || !(SDO_TYPES.has(type) || SRO_TYPES.has(type));
    });
    if (!anySco)
      sink.error(at(path, 'object_refs'), 'missing-one-of', 'object_refs must contain at least one SCO');
  }
}

function checkRelationship(sink: IssueSink, obj: Readonly<Record<string, unknown>>, path: string): void {
  const relationshipType = obj['relationship_type'];
  if (
    typeof relationshipType === 'string' &&
    (relationshipType.length < 3 ||
      relationshipType.length > 250 ||
      !RELATIONSHIP_TYPE_RE.test(relationshipType))
  ) {
    sink.error(
      at(path, 'relationship_type'),
      'invalid-relationship-type',
      `relationship_type ${show(relationshipType)} must be 3–250 characters of a–z, 0–9 and hyphens`,
    );
  }
  checkOrder(sink, obj, path, 'start_time', 'stop_time', true);
}

function checkLanguageContent(sink: IssueSink, obj: Readonly<Record<string, unknown>>, path: string): void {
  const contents = obj['contents'];
  if (!isPlainObject(contents)) return;
  const contentsPath = at(path, 'contents');
  for (const lang in contents) {
    if (!isLanguageTag(lang)) {
      sink.error(
        at(contentsPath, lang),
        'invalid-lang',
        `contents keys must be RFC 5646 language tags, got ${show(lang)}`,
      );
    }
    if (!isPlainObject(contents[lang])) {
      sink.error(
        at(contentsPath, lang),
        'invalid-type',
        `contents.${lang} must map property names to translations`,
      );
    }
  }
}

export const SDO_RULES: ReadonlyMap<string, Rule> = new Map<string, Rule>([
  ['campaign', seenOrder],
  ['infrastructure', seenOrder],
  ['intrusion-set', seenOrder],
  ['threat-actor', seenOrder],
  ['indicator', checkIndicator],
  ['location', checkLocation],
  ['malware', checkMalware],
  [
    'malware-analysis',
    (sink, obj, path) => {
      requireOneOf(sink, obj, path, ['result', 'analysis_sco_refs']);
      checkOrder(sink, obj, path, 'analysis_started', 'analysis_ended');
    },
  ],
  ['observed-data', checkObservedData],
  ['relationship', checkRelationship],
  ['sighting', seenOrder],
  ['marking-definition', checkMarkingDefinition],
  ['extension-definition', checkExtensionDefinition],
  ['language-content', checkLanguageContent],
]);

// Validation of one STIX object: identity, property table, markings, extensions, rules.
import { checkJsonLimits } from './limits.js';
import { CORE_COMMON, SCO_COMMON } from './schema-common.js';
import { META_SHAPES } from './schema-meta.js';
import { SCO_SHAPES } from './schema-sco.js';
import { SDO_SHAPES } from './schema-sdo.js';
import { type Shape, shape } from './schema-types.js';
import { type ObjectCategory, objectCategoryOf } from './types.js';
import { checkId, checkSpecVersion, checkType, checkVersioning, type Versioning } from './validate-common.js';
import {
  at,
  IssueSink,
  isPlainObject,
  kindOf,
  type ValidateOptions,
  type ValidationResult,
} from './validate-context.js';
import { checkExtensions, hasToplevelExtension } from './validate-extensions.js';
import { checkGranularMarkings } from './validate-markings.js';
import { checkShape } from './validate-props.js';
import { checkScoId, SCO_RULES } from './validate-rules-sco.js';
import { SDO_RULES } from './validate-rules-sdo.js';

const CUSTOM_CORE_SHAPE: Shape = shape(CORE_COMMON);
const CUSTOM_SCO_SHAPE: Shape = shape(SCO_COMMON);

interface TypeProfile {
  shape: Shape;
  versioning: Versioning;
  isSco: boolean;
}

function profileOf(
  type: string,
  category: ObjectCategory,
  obj: Readonly<Record<string, unknown>>,
): TypeProfile {
  switch (category) {
    case 'sdo':
      return { shape: SDO_SHAPES.get(type)!, versioning: 'versioned', isSco: false };
    case 'sco':
      return { shape: SCO_SHAPES.get(type)!, versioning: 'unversioned', isSco: true };
    case 'sro':
    case 'meta':
      return {
        shape: META_SHAPES.get(type)!,
        versioning: type === 'marking-definition' ? 'created-only' : 'versioned',
        isSco: false,
      };
    case 'custom-sdo':
    case 'custom-sro':
      return { shape: CUSTOM_CORE_SHAPE, versioning: 'versioned', isSco: false };
    case 'custom-sco':
      return { shape: CUSTOM_SCO_SHAPE, versioning: 'unversioned', isSco: true };
    case 'custom':
      // A custom object declares nothing about its kind; one that carries created/modified
      // is held to the SDO rules, one without them to the SCO rules.
      return obj['created'] !== undefined || obj['modified'] !== undefined
        ? { shape: CUSTOM_CORE_SHAPE, versioning: 'versioned', isSco: false }
        : { shape: CUSTOM_SCO_SHAPE, versioning: 'unversioned', isSco: true };
  }
}

/**
 * Validates one object into `sink`; `bundle` is rejected because it is not a STIX object.
 * `bundleSpecVersion` is the spec_version of an enclosing 2.0-style bundle, if any.
 */
export function validateObjectInto(
  sink: IssueSink,
  obj: unknown,
  path: string,
  bundleSpecVersion?: unknown,
): void {
  if (!isPlainObject(obj)) {
    sink.error(path, 'not-an-object', `a STIX object must be a JSON object, got ${kindOf(obj)}`);
    return;
  }
  // The door's limits again, for objects that did not come through it: the checks below
  // recurse into custom properties, and readers downstream cannot take what breaks them.
  const limit = sink.limitsChecked ? undefined : checkJsonLimits(obj, { path, topLevelListsFree: false });
  if (limit) {
    sink.error(limit.path, limit.code, limit.message);
    return;
  }
  const type = checkType(sink, obj, path);
  if (type === null) return;
  if (type === 'bundle') {
    sink.error(at(path, 'type'), 'nested-bundle', 'a bundle is not a STIX object and cannot appear here');
    return;
  }
  const category = objectCategoryOf(obj as { type: string; extensions?: unknown });
  const profile = profileOf(type, category, obj);
  const custom = category.startsWith('custom');

  checkId(sink, obj['id'], type, path);
  checkSpecVersion(sink, obj['spec_version'], !profile.isSco, path, bundleSpecVersion);
  checkVersioning(sink, obj, profile.versioning, path);
  checkShape(sink, obj, profile.shape, path, {
    topLevel: true,
    customNamesOk: custom || hasToplevelExtension(obj),
  });
  if (obj['granular_markings'] !== undefined && obj['granular_markings'] !== null) {
    checkGranularMarkings(sink, obj, path);
  }
  if (obj['extensions'] !== undefined && obj['extensions'] !== null) {
    checkExtensions(sink, obj, type, !custom, path);
  }
  const rule = profile.isSco ? SCO_RULES.get(type) : SDO_RULES.get(type);
  rule?.(sink, obj, path);
  if (category === 'sco') checkScoId(sink, obj, path);
  if (category === 'custom') {
    if (type.startsWith('x-')) {
      sink.warn(
        at(path, 'type'),
        'custom-object-type',
        `${type} is a custom object type; STIX 2.1 deprecates them in favour of extension-definition new-sdo/new-sco/new-sro`,
      );
    } else {
      sink.warn(
        at(path, 'type'),
        'unknown-object-type',
        `${type} is not a STIX 2.1 type and no new-sdo/new-sco/new-sro extension declares it`,
      );
    }
  }
}

export function validateObject(obj: unknown, opts?: ValidateOptions): ValidationResult {
  const sink = new IssueSink(opts);
  validateObjectInto(sink, obj, opts?.path ?? '$');
  return sink.result();
}

// Bundles, and documents that are either a bundle or a single object.
import { isStixId, parseStixId } from './ids.js';
import type { StixObject } from './types.js';
import {
  at,
  IssueSink,
  index,
  isPlainObject,
  kindOf,
  show,
  type ValidateOptions,
  type ValidationResult,
} from './validate-context.js';
import { validateObjectInto } from './validate-object.js';

function validateBundleInto(sink: IssueSink, bundle: unknown, path: string): void {
  if (!isPlainObject(bundle)) {
    sink.error(path, 'not-an-object', `a bundle must be a JSON object, got ${kindOf(bundle)}`);
    return;
  }
  if (bundle['type'] !== 'bundle') {
    sink.error(
      at(path, 'type'),
      'invalid-document',
      `a bundle's type must be "bundle", got ${show(bundle['type'])}`,
    );
    return;
  }
  const id = bundle['id'];
  if (id === undefined) {
    sink.error(at(path, 'id'), 'missing-property', 'id is required');
  } else if (!isStixId(id, 'bundle')) {
    const parsed = parseStixId(id);
    if (parsed === null)
      sink.error(at(path, 'id'), 'invalid-id', `id must be bundle--<RFC 4122 UUID>, got ${show(id)}`);
    else
      sink.error(
        at(path, 'id'),
        'id-type-mismatch',
        `id ${show(id)} has type prefix ${parsed.type}, but a bundle's is bundle`,
      );
  }
  if (bundle['spec_version'] !== undefined) {
    sink.warn(
      at(path, 'spec_version'),
      'bundle-spec-version',
      'bundles carry no spec_version in STIX 2.1 (it is a STIX 2.0 property)',
    );
  }
  const objects = bundle['objects'];
  if (objects === undefined) return;
  const objectsPath = at(path, 'objects');
  if (!Array.isArray(objects)) {
    sink.error(objectsPath, 'invalid-type', `objects must be a list of STIX objects, got ${kindOf(objects)}`);
    return;
  }
  if (objects.length === 0) {
    sink.error(objectsPath, 'empty-list', 'objects must not be an empty list; omit it for an empty bundle');
    return;
  }
  const versions = new Map<string, number>();
  for (let i = 0; i < objects.length; i++) {
    const obj: unknown = objects[i];
    const objPath = index(objectsPath, i);
    validateObjectInto(sink, obj, objPath, bundle['spec_version']);
    if (!isPlainObject(obj) || typeof obj['id'] !== 'string') continue;
    const version = `${obj['id']} ${typeof obj['modified'] === 'string' ? obj['modified'] : ''}`;
    const first = versions.get(version);
    if (first === undefined) versions.set(version, i);
    else
      sink.warn(
        at(objPath, 'id'),
        'duplicate-object',
        `this version of ${obj['id']} already appears at ${index(objectsPath, first)}`,
      );
  }
}

export function validateBundle(bundle: unknown, opts?: ValidateOptions): ValidationResult {
  const sink = new IssueSink(opts);
  validateBundleInto(sink, bundle, opts?.path ?? '$');
  return sink.result();
}

/**
 * Validates a document that is either a bundle or one STIX object and, when it is valid,
 * returns its objects (the bundle's, or the object itself). Invalid documents return none.
 */
export function validateDocument(
  doc: unknown,
  opts?: ValidateOptions,
): ValidationResult & { objects: StixObject[] } {
  const sink = new IssueSink(opts);
  const path = opts?.path ?? '$';
  let objects: unknown[] = [];
  if (isPlainObject(doc) && doc['type'] === 'bundle') {
    validateBundleInto(sink, doc, path);
    if (Array.isArray(doc['objects'])) objects = doc['objects'];
  } else if (isPlainObject(doc) && typeof doc['type'] === 'string') {
    validateObjectInto(sink, doc, path);
    objects = [doc];
  } else {
    const hint = Array.isArray(doc) ? '; wrap a list of objects in a bundle' : '';
    sink.error(
      path,
      'invalid-document',
      `expected a STIX bundle or a STIX object (a JSON object with a type), got ${kindOf(doc)}${hint}`,
    );
  }
  const result = sink.result();
  return { ...result, objects: result.ok ? (objects as StixObject[]) : [] };
}

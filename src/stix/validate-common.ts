// The identity of an object: type, id, spec_version, created, modified.
import { isStixId, parseStixId } from './ids.js';
import { isStixTimestamp, timestampFractionDigits, timestampKey } from './timestamp.js';
import { at, type IssueSink, kindOf, show } from './validate-context.js';

const UPPER_HEX_RE = /[A-F]/;
// Type names begin with a letter (section 3.1); hyphens are single because `--` ends the type in ids.
const TYPE_RE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Which of created/modified an object carries, per the common-properties table of section 3.2. */
export type Versioning = 'versioned' | 'created-only' | 'unversioned';

/** Checks `type`; returns it when it can drive the rest of validation. */
export function checkType(
  sink: IssueSink,
  obj: Readonly<Record<string, unknown>>,
  path: string,
): string | null {
  const type = obj['type'];
  if (type === undefined) {
    sink.error(at(path, 'type'), 'missing-property', 'type is required');
    return null;
  }
  if (typeof type !== 'string') {
    sink.error(at(path, 'type'), 'invalid-type', `type must be a string, got ${kindOf(type)}`);
    return null;
  }
  if (type.length < 3 || type.length > 250 || !TYPE_RE.test(type)) {
    sink.error(
      at(path, 'type'),
      'invalid-type-name',
      `type ${show(type)} must be 3–250 characters of a–z, 0–9 and single hyphens, starting with a letter`,
    );
    return null;
  }
  return type;
}

export function checkId(sink: IssueSink, id: unknown, type: string, path: string): void {
  const idPath = at(path, 'id');
  if (id === undefined) {
    sink.error(idPath, 'missing-property', 'id is required');
    return;
  }
  if (isStixId(id, type)) {
    if (UPPER_HEX_RE.test(id)) {
      sink.warn(
        idPath,
        'id-not-lowercase',
        `id ${id} has upper-case hex digits; other systems may treat ${id.toLowerCase()} as a different object`,
      );
    }
    return;
  }
  const parsed = parseStixId(id);
  if (parsed === null) {
    sink.error(idPath, 'invalid-id', `id must be ${type}--<RFC 4122 UUID>, got ${show(id)}`);
  } else {
    sink.error(
      idPath,
      'id-type-mismatch',
      `id ${show(id)} has type prefix ${parsed.type}, but the object's type is ${type}`,
    );
  }
}

/**
 * `fromBundle` is the spec_version of an enclosing STIX 2.0-style bundle. In 2.0 a bundle's
 * spec_version spoke for its objects, so objects of such bundles legitimately lack their own;
 * they are read as 2.1 with a warning rather than rejected, which keeps 2.0-era feeds usable.
 */
export function checkSpecVersion(
  sink: IssueSink,
  value: unknown,
  required: boolean,
  path: string,
  fromBundle?: unknown,
): void {
  if (value === undefined) {
    if (!required) return;
    if (fromBundle === undefined) {
      sink.error(at(path, 'spec_version'), 'missing-property', 'spec_version is required and must be "2.1"');
    } else {
      sink.warn(
        at(path, 'spec_version'),
        'inherited-spec-version',
        `spec_version is missing; the bundle's spec_version (${show(fromBundle)}) is a STIX 2.0 convention, the object is read as 2.1`,
      );
    }
    return;
  }
  if (value !== '2.1') {
    sink.error(
      at(path, 'spec_version'),
      'invalid-spec-version',
      `spec_version must be "2.1", got ${show(value)}`,
    );
  }
}

function checkVersionTimestamp(
  sink: IssueSink,
  obj: Readonly<Record<string, unknown>>,
  name: 'created' | 'modified',
  precisionIsError: boolean,
  path: string,
): string | null {
  const value = obj[name];
  const valuePath = at(path, name);
  if (value === undefined) {
    sink.error(valuePath, 'missing-property', `${name} is required`);
    return null;
  }
  if (!isStixTimestamp(value)) {
    sink.error(
      valuePath,
      'invalid-timestamp',
      `${name} must be a UTC timestamp like 2016-05-12T08:17:27.000Z, got ${show(value)}`,
    );
    return null;
  }
  if (timestampFractionDigits(value) < 3) {
    const message = `${name} (${value}) must have at least millisecond precision, e.g. ${timestampKey(value).slice(0, 23)}Z`;
    if (precisionIsError) sink.error(valuePath, 'timestamp-precision', message);
    else sink.warn(valuePath, 'timestamp-precision', message);
  }
  return value;
}

/**
 * Marking definitions are never versioned and the one shared most widely (MITRE's copyright
 * statement) carries a second-precision `created`; for them, precision is only a warning.
 * For versioned objects `modified` orders versions, so the millisecond minimum is enforced.
 */
export function checkVersioning(
  sink: IssueSink,
  obj: Readonly<Record<string, unknown>>,
  versioning: Versioning,
  path: string,
): void {
  if (versioning === 'unversioned') return;
  const created = checkVersionTimestamp(sink, obj, 'created', versioning === 'versioned', path);
  if (versioning !== 'versioned') return;
  const modified = checkVersionTimestamp(sink, obj, 'modified', true, path);
  // Equal texts (a first version) need no comparison of their keys.
  if (
    created !== null &&
    modified !== null &&
    modified !== created &&
    timestampKey(modified) < timestampKey(created)
  ) {
    sink.error(
      at(path, 'modified'),
      'modified-before-created',
      `modified (${modified}) is earlier than created (${created})`,
    );
  }
}

// The `extensions` property (section 3.2, 7.3) and the extension-definition object.
import { isStixId } from './ids.js';
import { EXTENSION_SHAPES } from './schema-sco-ext.js';
import { at, type IssueSink, isPlainObject, kindOf, show } from './validate-context.js';
import { checkShape, NESTED } from './validate-props.js';
import { EXTENSION_TYPES, PREDEFINED_EXTENSIONS } from './vocab.js';

const EXTENSION_DEFINITION_PREFIX = 'extension-definition--';
const NEW_OBJECT_EXTENSIONS: ReadonlySet<string> = new Set(['new-sdo', 'new-sco', 'new-sro']);

/** True when a toplevel-property-extension vouches for the object's unprefixed custom properties. */
export function hasToplevelExtension(obj: Readonly<Record<string, unknown>>): boolean {
  const ext = obj['extensions'];
  if (!isPlainObject(ext)) return false;
  for (const key in ext) {
    const value = ext[key];
    if (isPlainObject(value) && value['extension_type'] === 'toplevel-property-extension') return true;
  }
  return false;
}

export function checkExtensions(
  sink: IssueSink,
  obj: Readonly<Record<string, unknown>>,
  type: string,
  knownType: boolean,
  path: string,
): void {
  const ext = obj['extensions'];
  const extPath = at(path, 'extensions');
  if (!isPlainObject(ext)) {
    sink.error(extPath, 'invalid-type', `extensions must be a dictionary, got ${kindOf(ext)}`);
    return;
  }
  let count = 0;
  for (const key in ext) {
    count++;
    const value = ext[key];
    const keyPath = at(extPath, key);
    if (!isPlainObject(value)) {
      sink.error(keyPath, 'invalid-type', `extension ${key} must be a dictionary, got ${kindOf(value)}`);
      continue;
    }
    if (key.startsWith(EXTENSION_DEFINITION_PREFIX)) {
      if (!isStixId(key, 'extension-definition')) {
        sink.error(
          keyPath,
          'invalid-extension-key',
          `extension key ${show(key)} is not a valid extension-definition id`,
        );
      }
      checkExtensionType(sink, value, type, knownType, keyPath);
      continue;
    }
    const owner = PREDEFINED_EXTENSIONS.get(key);
    if (owner !== undefined) {
      if (owner !== type) {
        sink.error(
          keyPath,
          'extension-not-for-type',
          `${key} is a predefined extension of ${owner}, not of ${type}`,
        );
      } else {
        checkShape(sink, value, EXTENSION_SHAPES.get(key)!, keyPath, NESTED);
      }
      continue;
    }
    if (key.startsWith('x-')) {
      sink.warn(
        keyPath,
        'deprecated-property',
        `custom extension ${key} is deprecated; define it with an extension-definition`,
      );
      continue;
    }
    sink.error(
      keyPath,
      'invalid-extension-key',
      `extension key ${show(key)} must be an extension-definition id or a predefined extension name`,
    );
  }
  if (count === 0) sink.error(extPath, 'empty-value', 'extensions must not be an empty dictionary');
}

function checkExtensionType(
  sink: IssueSink,
  value: Record<string, unknown>,
  type: string,
  knownType: boolean,
  path: string,
): void {
  const extensionType = value['extension_type'];
  const typePath = at(path, 'extension_type');
  if (extensionType === undefined) {
    sink.error(
      typePath,
      'missing-extension-type',
      'an extension-definition extension must state its extension_type',
    );
  } else if (typeof extensionType !== 'string' || !EXTENSION_TYPES.has(extensionType)) {
    sink.error(
      typePath,
      'invalid-extension-type',
      `extension_type must be one of ${[...EXTENSION_TYPES].join(', ')}; got ${show(extensionType)}`,
    );
  } else if (knownType && NEW_OBJECT_EXTENSIONS.has(extensionType)) {
    sink.error(
      typePath,
      'invalid-extension-type',
      `${extensionType} declares a new object type, but ${type} is a STIX type (extensions must not redefine them)`,
    );
  }
}

export function checkExtensionDefinition(
  sink: IssueSink,
  obj: Readonly<Record<string, unknown>>,
  path: string,
): void {
  const types = obj['extension_types'];
  if (
    obj['extension_properties'] !== undefined &&
    Array.isArray(types) &&
    !types.includes('toplevel-property-extension')
  ) {
    sink.error(
      at(path, 'extension_properties'),
      'extension-properties-misuse',
      'extension_properties may only be used when extension_types includes toplevel-property-extension',
    );
  }
}

// Walks an object against its property table: value types, ranges, enums, references, nested
// structures, required properties, and the naming rules for custom properties.
import { COMMON_PROPERTY_NAMES } from './schema-common.js';
import type { PropSpec, Shape } from './schema-types.js';
import { isStixTimestamp } from './timestamp.js';
import { at, type IssueSink, index, isPlainObject, kindOf, show } from './validate-context.js';
import { checkRef, checkRefList } from './validate-refs.js';
import { checkExternalReferences, checkHashes, checkKillChainPhases, checkLang } from './validate-structs.js';

const PROPERTY_NAME_RE = /^[a-z][a-z0-9_]{2,249}$/;
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// The spec asks for lower-case hex; upper case is accepted because producers emit it and the
// octets are the same.
const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

export interface ShapeMode {
  /** At the top level of an object, unknown keys are custom properties; deeper, they are unknown. */
  readonly topLevel: boolean;
  /** Custom property names need no `x_` (properties of custom types, toplevel-property-extension). */
  readonly customNamesOk: boolean;
}

export const NESTED: ShapeMode = { topLevel: false, customNamesOk: true };

export function checkShape(
  sink: IssueSink,
  obj: Readonly<Record<string, unknown>>,
  shape: Shape,
  path: string,
  mode: ShapeMode,
): void {
  for (const key in obj) {
    const value = obj[key];
    const keyPath = at(path, key);
    if (value === null) {
      sink.error(keyPath, 'null-value', `${key} is null; STIX has no null values, omit the property instead`);
      continue;
    }
    const spec = shape.props.get(key);
    if (spec !== undefined) checkValue(sink, value, spec, keyPath, key);
    else if (mode.topLevel) checkCustomProperty(sink, key, value, keyPath, mode);
    else sink.warn(keyPath, 'unknown-property', `${key} is not a property STIX defines here`);
  }
  for (const name of shape.required) {
    if (obj[name] === undefined) sink.error(at(path, name), 'missing-property', `${name} is required`);
  }
}

function checkCustomProperty(
  sink: IssueSink,
  key: string,
  value: unknown,
  path: string,
  mode: ShapeMode,
): void {
  if (key === 'defanged') {
    sink.error(path, 'property-not-applicable', 'defanged may only be used on SCOs');
    return;
  }
  if (COMMON_PROPERTY_NAMES.has(key)) {
    sink.warn(
      path,
      'property-not-applicable',
      `${key} is a common property that does not apply to this object type`,
    );
    return;
  }
  if (!PROPERTY_NAME_RE.test(key)) {
    sink.error(
      path,
      'invalid-property-name',
      `property name ${show(key)} must be 3–250 characters of a–z, 0–9 and _, starting with a letter`,
    );
    return;
  }
  if (!mode.customNamesOk && !key.startsWith('x_')) {
    sink.warn(
      path,
      'custom-property-prefix',
      `custom property ${key} should be named x_${key} (or defined by an extension)`,
    );
  }
  // Name suffixes carry meaning for every property, custom ones included (spec section 3.1).
  // MITRE's ATT&CK bundles publish "" in x_mitre_data_source_ref of deprecated data components;
  // refusing the whole bundle for that would make ATT&CK unimportable, and "" refers to nothing.
  if (key.endsWith('_ref') && value === '' && key.startsWith('x_')) {
    sink.warn(path, 'empty-custom-ref', `${key} is an empty string; read as no reference`);
  } else if (key.endsWith('_ref')) checkRef(sink, value, 'any', path, key);
  else if (key.endsWith('_refs')) checkRefList(sink, value, 'any', path, key);
  else if (key.endsWith('_hex')) checkHex(sink, value, path, key);
  else if (key.endsWith('_bin')) checkBinary(sink, value, path, key);
}

function checkHex(sink: IssueSink, value: unknown, path: string, name: string): void {
  if (typeof value !== 'string' || !HEX_RE.test(value)) {
    sink.error(
      path,
      'invalid-hex',
      `${name} must be an even number of hexadecimal digits, got ${show(value)}`,
    );
  }
}

function checkBinary(sink: IssueSink, value: unknown, path: string, name: string): void {
  if (typeof value !== 'string' || !BASE64_RE.test(value)) {
    sink.error(path, 'invalid-binary', `${name} must be base64, got ${show(value)}`);
  }
}

function checkNumber(sink: IssueSink, value: unknown, spec: PropSpec, path: string, name: string): void {
  const integer = spec.kind === 'integer';
  if (typeof value !== 'number' || !(integer ? Number.isSafeInteger(value) : Number.isFinite(value))) {
    sink.error(
      path,
      'invalid-type',
      `${name} must be ${integer ? 'an integer' : 'a number'}, got ${show(value)}`,
    );
    return;
  }
  if (spec.kind !== 'integer' && spec.kind !== 'number') return;
  if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
    const range =
      spec.max === undefined ? `at least ${spec.min}` : `between ${spec.min ?? '-∞'} and ${spec.max}`;
    sink.error(path, 'out-of-range', `${name} must be ${range}, got ${value}`);
  }
}

function checkNonEmptyList(sink: IssueSink, value: unknown, path: string, name: string): value is unknown[] {
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

function checkValue(sink: IssueSink, value: unknown, spec: PropSpec, path: string, name: string): void {
  switch (spec.kind) {
    case 'any':
    case 'granular-markings':
    case 'extensions':
      return; // checked by the object-level validators, which need the whole object
    case 'string':
      if (typeof value !== 'string')
        sink.error(path, 'invalid-type', `${name} must be a string, got ${kindOf(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean')
        sink.error(path, 'invalid-type', `${name} must be true or false, got ${show(value)}`);
      return;
    case 'integer':
    case 'number':
      checkNumber(sink, value, spec, path, name);
      return;
    case 'timestamp':
      if (!isStixTimestamp(value)) {
        sink.error(
          path,
          'invalid-timestamp',
          `${name} must be a UTC timestamp like 2016-05-12T08:17:27.000Z, got ${show(value)}`,
        );
      }
      return;
    case 'strings':
      if (!checkNonEmptyList(sink, value, path, name)) return;
      for (let i = 0; i < value.length; i++) {
        if (typeof value[i] !== 'string') {
          sink.error(
            index(path, i),
            'invalid-type',
            `${name}[${i}] must be a string, got ${kindOf(value[i])}`,
          );
        }
      }
      return;
    case 'ref':
      checkRef(sink, value, spec.to, path, name);
      return;
    case 'refs':
      checkRefList(sink, value, spec.to, path, name);
      return;
    case 'hashes':
      checkHashes(sink, value, path, name);
      return;
    case 'dict':
      if (!isPlainObject(value))
        sink.error(path, 'invalid-type', `${name} must be a dictionary, got ${kindOf(value)}`);
      return;
    case 'binary':
      checkBinary(sink, value, path, name);
      return;
    case 'hex':
      checkHex(sink, value, path, name);
      return;
    case 'lang':
      checkLang(sink, value, path, name);
      return;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.has(value)) {
        sink.error(
          path,
          'invalid-enum',
          `${name} must be one of ${[...spec.values].join(', ')}; got ${show(value)}`,
        );
      }
      return;
    case 'enums':
      if (!checkNonEmptyList(sink, value, path, name)) return;
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        if (typeof item !== 'string' || !spec.values.has(item)) {
          sink.error(
            index(path, i),
            'invalid-enum',
            `${name}[${i}] must be one of ${[...spec.values].join(', ')}; got ${show(item)}`,
          );
        }
      }
      return;
    case 'object':
      if (!isPlainObject(value))
        sink.error(path, 'invalid-type', `${name} must be an object, got ${kindOf(value)}`);
      else checkShape(sink, value, spec.shape, path, NESTED);
      return;
    case 'objects':
      if (!checkNonEmptyList(sink, value, path, name)) return;
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        if (!isPlainObject(item))
          sink.error(index(path, i), 'invalid-type', `${name}[${i}] must be an object, got ${kindOf(item)}`);
        else checkShape(sink, item, spec.shape, index(path, i), NESTED);
      }
      return;
    case 'kill-chain-phases':
      checkKillChainPhases(sink, value, path, name);
      return;
    case 'external-references':
      checkExternalReferences(sink, value, path, name);
      return;
  }
}

// A small declarative language for STIX property tables: each object type is a table of
// property name → PropSpec, compiled once at module load and walked by validate-props.ts.

/** Which object types an `_ref`/`_refs` property may point at. */
export type RefTarget =
  | ReadonlySet<string>
  /** any STIX object id */
  | 'any'
  /** an SDO, or a custom type that may be one */
  | 'sdo'
  /** an SCO, or a custom type that may be one */
  | 'sco'
  /** an SDO or SCO, or a custom type (relationship endpoints) */
  | 'sdo-or-sco'
  /** an SCO or SRO, or a custom type (observed-data contents) */
  | 'sco-or-sro';

export type PropSpec =
  | {
      readonly kind: 'string' | 'boolean' | 'timestamp' | 'strings' | 'hashes' | 'dict' | 'any';
      readonly required?: boolean;
    }
  | {
      readonly kind: 'binary' | 'hex' | 'lang' | 'kill-chain-phases' | 'external-references';
      readonly required?: boolean;
    }
  | { readonly kind: 'granular-markings' | 'extensions'; readonly required?: boolean }
  | {
      readonly kind: 'integer' | 'number';
      readonly required?: boolean;
      readonly min?: number;
      readonly max?: number;
    }
  | { readonly kind: 'ref' | 'refs'; readonly required?: boolean; readonly to: RefTarget }
  | { readonly kind: 'enum' | 'enums'; readonly required?: boolean; readonly values: ReadonlySet<string> }
  | { readonly kind: 'object' | 'objects'; readonly required?: boolean; readonly shape: Shape };

export interface Shape {
  readonly props: ReadonlyMap<string, PropSpec>;
  readonly required: readonly string[];
}

export function shape(...tables: Readonly<Record<string, PropSpec>>[]): Shape {
  const props = new Map<string, PropSpec>();
  for (const table of tables) for (const [name, spec] of Object.entries(table)) props.set(name, spec);
  const required = [...props].filter(([, spec]) => spec.required === true).map(([name]) => name);
  return { props, required };
}

export const str: PropSpec = { kind: 'string' };
export const bool: PropSpec = { kind: 'boolean' };
export const ts: PropSpec = { kind: 'timestamp' };
export const strs: PropSpec = { kind: 'strings' };
export const hashes: PropSpec = { kind: 'hashes' };
export const dict: PropSpec = { kind: 'dict' };
export const binary: PropSpec = { kind: 'binary' };
export const hex: PropSpec = { kind: 'hex' };
export const anyValue: PropSpec = { kind: 'any' };

export function req<P extends PropSpec>(spec: P): P {
  return { ...spec, required: true };
}

export function int(min?: number, max?: number): PropSpec {
  return { kind: 'integer', ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

export function num(min?: number, max?: number): PropSpec {
  return { kind: 'number', ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

function target(types: readonly string[]): RefTarget {
  const [first] = types;
  if (types.length === 1 && (first === 'any' || first === 'sdo' || first === 'sco')) return first;
  if (types.length === 1 && (first === 'sdo-or-sco' || first === 'sco-or-sro')) return first;
  return new Set(types);
}

export function ref(...types: string[]): PropSpec {
  return { kind: 'ref', to: target(types) };
}

export function refs(...types: string[]): PropSpec {
  return { kind: 'refs', to: target(types) };
}

export function oneOf(values: ReadonlySet<string>): PropSpec {
  return { kind: 'enum', values };
}

export function someOf(values: ReadonlySet<string>): PropSpec {
  return { kind: 'enums', values };
}

export function obj(...tables: Readonly<Record<string, PropSpec>>[]): PropSpec {
  return { kind: 'object', shape: shape(...tables) };
}

export function objs(...tables: Readonly<Record<string, PropSpec>>[]): PropSpec {
  return { kind: 'objects', shape: shape(...tables) };
}

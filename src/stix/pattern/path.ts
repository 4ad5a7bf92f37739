// Follows an object path from a root SCO. A step into a value read from a `_ref` property
// (or an element of a `_refs` list) first resolves the reference, so
// network-traffic:dst_ref.value reads the address object's value while
// file:parent_directory_ref = 'directory--…' still compares the identifier itself.
// A step that cannot be taken yields nothing, which makes every comparison on it false.

import type { ObjectPath } from './ast.js';
import { normaliseHashName } from './hashes.js';

export type Resolver = (ref: string) => Record<string, unknown> | undefined;

export interface PathValue {
  value: unknown;
  /** The property name the value was read from ('' for list elements of a named list). */
  key: string;
  /** `type` of the object the property belongs to. */
  ownerType: string | undefined;
}

interface Cursor {
  value: unknown;
  key: string;
  owner: string | undefined;
  isRef: boolean;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deref(c: Cursor, resolve: Resolver): unknown {
  return c.isRef && typeof c.value === 'string' ? resolve(c.value) : c.value;
}

function lookup(
  obj: Record<string, unknown>,
  name: string,
  parentKey: string,
): [string, unknown] | undefined {
  if (Object.hasOwn(obj, name)) return [name, obj[name]];
  // Hash names are written 'SHA-256' by STIX 2.1 and 'sha256' by older producers.
  if (parentKey === 'hashes') {
    const want = normaliseHashName(name);
    for (const k of Object.keys(obj)) if (normaliseHashName(k) === want) return [k, obj[k]];
  }
  return undefined;
}

export function resolvePath(root: Record<string, unknown>, path: ObjectPath, resolve: Resolver): PathValue[] {
  let cursors: Cursor[] = [{ value: root, key: '', owner: undefined, isRef: false }];
  for (const step of path.steps) {
    const next: Cursor[] = [];
    for (const c of cursors) {
      const v = deref(c, resolve);
      if (step.kind === 'key') {
        if (!isObject(v)) continue;
        const hit = lookup(v, step.name, c.key);
        if (!hit) continue;
        const [key, value] = hit;
        const owner = typeof v.type === 'string' ? v.type : c.owner;
        next.push({ value, key, owner, isRef: key.endsWith('_ref') || key.endsWith('_refs') });
      } else if (Array.isArray(v)) {
        const items = step.kind === 'any' ? v : [v.at(step.index)];
        for (const item of items) {
          if (item !== undefined) next.push({ value: item, key: c.key, owner: c.owner, isRef: c.isRef });
        }
      } else if (step.kind === 'any' && isObject(v)) {
        // [*] over a dictionary (file:hashes[*]) means any of its values.
        for (const [key, item] of Object.entries(v))
          next.push({ value: item, key, owner: c.owner, isRef: false });
      }
    }
    if (next.length === 0) return [];
    cursors = next;
  }
  return cursors.map((c) => ({ value: c.value, key: c.key, ownerType: c.owner }));
}

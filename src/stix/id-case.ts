// Ids are compared in lower case everywhere: one id, one spelling. An import lower-cases the
// UUID part of every id and reference before anything else reads the document, so that
// `indicator--0E00…` and `indicator--0e00…` can never be held as two objects.

import { parseStixId } from './ids.js';

export interface IdCaseChange {
  /** JSONPath of the value within the object, e.g. `$.object_refs[2]`. */
  path: string;
  from: string;
  to: string;
}

const UPPER_HEX = /[A-F]/;

function lowered(value: unknown): string | undefined {
  if (typeof value !== 'string' || !UPPER_HEX.test(value)) return undefined;
  const parsed = parseStixId(value);
  return parsed && UPPER_HEX.test(parsed.uuid) ? `${parsed.type}--${parsed.uuid.toLowerCase()}` : undefined;
}

function isRefKey(key: string): 'one' | 'many' | undefined {
  if (key === 'id' || key.endsWith('_ref')) return 'one';
  if (key.endsWith('_refs')) return 'many';
  return undefined;
}

function walk(value: unknown, path: string, changes: IdCaseChange[]): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const next = walk(item, `${path}[${i}]`, changes);
      if (next !== item) {
        copy ??= [...value];
        copy[i] = next;
      }
    });
    return copy ?? value;
  }
  if (value === null || typeof value !== 'object') return value;
  const rec = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const [key, v] of Object.entries(rec)) {
    const at = `${path}.${key}`;
    const kind = isRefKey(key);
    let next: unknown = v;
    if (kind === 'one') {
      const to = lowered(v);
      if (to !== undefined) {
        changes.push({ path: at, from: v as string, to });
        next = to;
      } else {
        next = walk(v, at, changes);
      }
    } else if (kind === 'many' && Array.isArray(v)) {
      const list = v.map((item, i) => {
        const to = lowered(item);
        if (to === undefined) return walk(item, `${at}[${i}]`, changes);
        changes.push({ path: `${at}[${i}]`, from: item as string, to });
        return to;
      });
      next = list.some((x, i) => x !== v[i]) ? list : v;
    } else {
      next = walk(v, at, changes);
    }
    if (next !== v) {
      copy ??= { ...rec };
      copy[key] = next;
    }
  }
  return copy ?? value;
}

/**
 * The object with the UUID part of its `id`, every `*_ref`/`*_refs` value and every
 * `marking_ref` lower-cased, at any depth, and the changes made. Values that are not STIX ids
 * are left alone; an unchanged object is returned as it was given.
 */
export function lowerCaseIds<T>(value: T, path = '$'): { value: T; changes: IdCaseChange[] } {
  const changes: IdCaseChange[] = [];
  const out = walk(value, path, changes) as T;
  return { value: out, changes };
}

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

type Step = string | number;

function pathOf(root: string, steps: readonly Step[]): string {
  let out = root;
  for (const s of steps) out += typeof s === 'number' ? `[${s}]` : `.${s}`;
  return out;
}

// Runs over every object of every import, so it allocates nothing for a document that is
// already in lower case: no path strings, no copies, no entry arrays.
function walk(value: unknown, root: string, steps: Step[], changes: IdCaseChange[]): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item === null || typeof item !== 'object') continue;
      steps.push(i);
      const next = walk(item, root, steps, changes);
      steps.pop();
      if (next !== item) {
        copy ??= [...value];
        copy[i] = next;
      }
    }
    return copy ?? value;
  }
  const rec = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key in rec) {
    const v = rec[key];
    if (typeof v === 'string') {
      if (key !== 'id' && !key.endsWith('_ref')) continue;
      const to = lowered(v);
      if (to === undefined) continue;
      steps.push(key);
      changes.push({ path: pathOf(root, steps), from: v, to });
      steps.pop();
      copy ??= { ...rec };
      copy[key] = to;
    } else if (v !== null && typeof v === 'object') {
      steps.push(key);
      let next: unknown;
      if (Array.isArray(v) && key.endsWith('_refs')) next = refList(v, root, steps, changes);
      else next = walk(v, root, steps, changes);
      steps.pop();
      if (next !== v) {
        copy ??= { ...rec };
        copy[key] = next;
      }
    }
  }
  return copy ?? value;
}

function refList(list: unknown[], root: string, steps: Step[], changes: IdCaseChange[]): unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const to = lowered(list[i]);
    if (to === undefined) continue;
    steps.push(i);
    changes.push({ path: pathOf(root, steps), from: list[i] as string, to });
    steps.pop();
    copy ??= [...list];
    copy[i] = to;
  }
  return copy ?? list;
}

/**
 * The object with the UUID part of its `id`, every `*_ref`/`*_refs` value and every
 * `marking_ref` lower-cased, at any depth, and the changes made. Values that are not STIX ids
 * are left alone; an unchanged object is returned as it was given.
 */
export function lowerCaseIds<T>(value: T, path = '$'): { value: T; changes: IdCaseChange[] } {
  const changes: IdCaseChange[] = [];
  const out = (value !== null && typeof value === 'object' ? walk(value, path, [], changes) : value) as T;
  return { value: out, changes };
}

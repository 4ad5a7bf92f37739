// Turns what a caller has — observed-data objects with object_refs (STIX 2.1) or an embedded
// `objects` dictionary (STIX 2.0), and the SCOs as a Map, a list, or mixed into the same
// list — into the shape the matcher works on.

import type { ObservationObjects } from './comparison.js';
import { parseInstant } from './timestamp.js';

export interface ObservedDataInput {
  id?: string;
  type?: string;
  first_observed: string;
  last_observed: string;
  number_observed?: number;
  object_refs?: string[];
  objects?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export type ScoInput = Map<string, object> | readonly object[];

export interface Observation extends ObservationObjects {
  id: string;
  first: number;
  last: number;
  /** number_observed: how many identical observations this object stands for. */
  count: number;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface PreparedObservations {
  observations: Observation[];
  /** Observed-data that could not be used, and why. */
  skipped: string[];
}

export function prepareObservations(input: readonly unknown[], sco?: ScoInput): PreparedObservations {
  const byId = new Map<string, Obj>();
  const add = (o: unknown) => {
    if (isObj(o) && typeof o.id === 'string' && o.type !== 'observed-data') byId.set(o.id, o);
  };
  if (sco instanceof Map) {
    for (const [id, o] of sco) if (isObj(o)) byId.set(id, o);
  } else if (sco) {
    for (const o of sco) add(o);
  }
  for (const o of input) add(o);
  const resolveGlobal = (ref: string) => byId.get(ref);

  const observations: Observation[] = [];
  const skipped: string[] = [];
  input.forEach((o, i) => {
    if (!isObj(o) || (o.type !== undefined && o.type !== 'observed-data')) return;
    if (o.type === undefined && !('first_observed' in o)) return;
    const id = typeof o.id === 'string' ? o.id : `#${i}`;
    const first = typeof o.first_observed === 'string' ? parseInstant(o.first_observed) : undefined;
    const last = typeof o.last_observed === 'string' ? parseInstant(o.last_observed) : undefined;
    if (!first || !last || first.key > last.key) {
      skipped.push(`${id}: first_observed and last_observed must be timestamps, first not after last`);
      return;
    }
    const n = o.number_observed ?? 1;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      skipped.push(`${id}: number_observed must be a positive integer`);
      return;
    }
    let roots: Obj[];
    let resolve = resolveGlobal;
    if (Array.isArray(o.object_refs)) {
      roots = o.object_refs.map((r) => (typeof r === 'string' ? byId.get(r) : undefined)).filter(isObj);
    } else if (isObj(o.objects)) {
      const local = o.objects;
      roots = Object.values(local).filter(isObj);
      resolve = (ref) => (isObj(local[ref]) ? (local[ref] as Obj) : byId.get(ref));
    } else {
      roots = [];
    }
    observations.push({ id, first: first.ms, last: last.ms, count: n, roots, resolve });
  });
  return { observations, skipped };
}

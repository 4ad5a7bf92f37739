import { isDisclosed } from '../node/disclosed.js';

type SnakeKey<S extends string> = S extends `${infer H}${infer R}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${SnakeKey<R>}`
  : S;

/** The type of a view once snake(): the compiler then checks it against the route's schema. */
export type Snake<T> = T extends readonly (infer U)[]
  ? Snake<U>[]
  : T extends object
    ? { [K in keyof T as K extends string ? SnakeKey<K> : K]: Snake<T[K]> }
    : T;

/** The API speaks snake_case, as STIX does: record views are converted on the way out. */
export function snake<T>(value: T): Snake<T> {
  return convert(value) as Snake<T>;
}

function convert(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(convert);
  if (value === null || typeof value !== 'object') return value;
  // A STIX object the gate disclosed is already snake_case, and goes out as the gate made it.
  if (isDisclosed(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = convert(v);
  return out;
}

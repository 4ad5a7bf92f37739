import { isDisclosed } from '../node/disclosed.js';

/** The API speaks snake_case, as STIX does: record views are converted on the way out. */
export function snake(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snake);
  if (value === null || typeof value !== 'object') return value;
  // A STIX object the gate disclosed is already snake_case, and goes out as the gate made it.
  if (isDisclosed(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = snake(v);
  return out;
}

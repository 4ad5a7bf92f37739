// Helpers for the cross-property rules of validate-rules-*.ts.
import { isStixTimestamp, timestampKey } from './timestamp.js';
import { at, type IssueSink } from './validate-context.js';

export type Rule = (sink: IssueSink, obj: Readonly<Record<string, unknown>>, path: string) => void;

/**
 * `later` must not be before `earlier` (or must be strictly after it with `strict`). Invalid
 * timestamps are skipped: they are already reported by the property check.
 */
export function checkOrder(
  sink: IssueSink,
  obj: Readonly<Record<string, unknown>>,
  path: string,
  earlier: string,
  later: string,
  strict = false,
): void {
  const a = obj[earlier];
  const b = obj[later];
  if (!isStixTimestamp(a) || !isStixTimestamp(b)) return;
  const ka = timestampKey(a);
  const kb = timestampKey(b);
  if (kb < ka || (strict && kb === ka)) {
    const relation = kb < ka ? 'earlier than' : 'equal to';
    sink.error(
      at(path, later),
      'time-order',
      `${later} (${b}) is ${relation} ${earlier} (${a}); it must be ${strict ? 'later than' : 'at or after'} it`,
    );
  }
}

export function has(obj: Readonly<Record<string, unknown>>, name: string): boolean {
  return obj[name] !== undefined;
}

export function requireOneOf(
  sink: IssueSink,
  obj: Readonly<Record<string, unknown>>,
  path: string,
  names: string[],
): void {
  for (const name of names) if (has(obj, name)) return;
  sink.error(path, 'missing-one-of', `at least one of ${names.join(', ')} is required`);
}

export function forbidTogether(
  sink: IssueSink,
  obj: Readonly<Record<string, unknown>>,
  path: string,
  a: string,
  b: string,
  why = '',
): void {
  if (has(obj, a) && has(obj, b)) {
    sink.error(at(path, b), 'exclusive-properties', `${a} and ${b} must not both be present${why}`);
  }
}

/** `dependent` may only appear alongside `on`. */
export function requireWith(
  sink: IssueSink,
  obj: Readonly<Record<string, unknown>>,
  path: string,
  dependent: string,
  on: string,
): void {
  if (has(obj, dependent) && !has(obj, on)) {
    sink.error(at(path, on), 'property-requires', `${dependent} is present, so ${on} is required`);
  }
}

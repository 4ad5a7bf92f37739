// Reads untrusted JSON field by field, collecting every problem with its JSON path rather than
// stopping at the first, so that an operator fixing a data file sees all of them at once.

import type { Issue } from '../errors.js';
import { isIsoDate } from './calendar.js';
import type { LocalizedText } from './types.js';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class ShapeReader {
  readonly issues: Issue[] = [];

  fail(path: string, code: string, message: string): undefined {
    this.issues.push({ path, code, message });
    return undefined;
  }

  object(value: unknown, path: string): JsonObject | undefined {
    if (value === undefined) return this.fail(path, 'required', 'is required');
    return isJsonObject(value) ? value : this.fail(path, 'type', 'must be an object');
  }

  /** Reports properties outside `allowed`: a misspelt optional field must not pass silently. */
  only(obj: JsonObject, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.fail(`${path}.${key}`, 'unknown-property', 'is not a known property');
    }
  }

  text(obj: JsonObject, key: string, path: string): string | undefined {
    const value = obj[key];
    const at = `${path}.${key}`;
    if (value === undefined) return this.fail(at, 'required', 'is required');
    if (typeof value !== 'string') return this.fail(at, 'type', 'must be a string');
    return value.trim() === '' ? this.fail(at, 'required', 'must not be empty') : value;
  }

  optionalText(obj: JsonObject, key: string, path: string): string | undefined {
    return obj[key] === undefined ? undefined : this.text(obj, key, path);
  }

  matching(obj: JsonObject, key: string, path: string, pattern: RegExp, what: string): string | undefined {
    const value = this.text(obj, key, path);
    if (value === undefined) return undefined;
    return pattern.test(value) ? value : this.fail(`${path}.${key}`, 'format', `must be ${what}`);
  }

  date(obj: JsonObject, key: string, path: string): string | undefined {
    const value = this.text(obj, key, path);
    if (value === undefined) return undefined;
    return isIsoDate(value)
      ? value
      : this.fail(`${path}.${key}`, 'invalid-date', 'must be a calendar date written YYYY-MM-DD');
  }

  integer(obj: JsonObject, key: string, path: string, min: number, max: number): number | undefined {
    const value = obj[key];
    const at = `${path}.${key}`;
    if (value === undefined) return this.fail(at, 'required', 'is required');
    if (typeof value !== 'number' || !Number.isInteger(value))
      return this.fail(at, 'type', 'must be an integer');
    return value < min || value > max ? this.fail(at, 'range', `must be between ${min} and ${max}`) : value;
  }

  localized(obj: JsonObject, key: string, path: string): LocalizedText | undefined {
    const at = `${path}.${key}`;
    const value = this.object(obj[key], at);
    if (!value) return undefined;
    this.only(value, at, ['en', 'ru']);
    const en = this.text(value, 'en', at);
    const ru = this.text(value, 'ru', at);
    return en !== undefined && ru !== undefined ? { en, ru } : undefined;
  }

  array(obj: JsonObject, key: string, path: string): unknown[] | undefined {
    const value = obj[key];
    const at = `${path}.${key}`;
    if (value === undefined) return this.fail(at, 'required', 'is required');
    return Array.isArray(value) ? value : this.fail(at, 'type', 'must be an array');
  }

  /** A non-empty list of distinct non-empty strings, such as Party codes. */
  codes(obj: JsonObject, key: string, path: string): string[] | undefined {
    const list = this.array(obj, key, path);
    if (!list) return undefined;
    const at = `${path}.${key}`;
    if (list.length === 0) return this.fail(at, 'required', 'must not be empty');
    const before = this.issues.length;
    list.forEach((v, i) => {
      if (typeof v !== 'string' || v === '') this.fail(`${at}[${i}]`, 'type', 'must be a non-empty string');
      else if (list.indexOf(v) !== i)
        this.fail(`${at}[${i}]`, 'duplicate', `${JSON.stringify(v)} is listed twice`);
    });
    return this.issues.length === before ? (list as string[]) : undefined;
  }
}

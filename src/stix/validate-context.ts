// Where validation issues are collected, and how JSON paths are spelled in them.
import type { Issue } from '../errors.js';
import type { IssueCode } from './issue-codes.js';

export interface ValidationResult {
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
}

export interface ValidateOptions {
  /** JSON path of the value being validated; issues are reported under it. Default `$`. */
  path?: string;
  /**
   * Validates a STIX pattern (indicators with `pattern_type: "stix"`). Without it, a pattern
   * is only checked to be a non-empty string.
   */
  checkPattern?: (pattern: string) => { message: string }[];
  /**
   * Every object was read through the door's limits check already (the bundle splitter
   * checks each item as it parses it, more strictly than this would): do not walk it again.
   */
  limitsChecked?: boolean;
}

export class IssueSink {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];
  readonly checkPattern: ValidateOptions['checkPattern'];
  readonly limitsChecked: boolean;

  constructor(options: ValidateOptions | undefined) {
    this.checkPattern = options?.checkPattern;
    this.limitsChecked = options?.limitsChecked === true;
  }

  error(path: string, code: IssueCode, message: string): void {
    this.errors.push({ path, code, message });
  }

  warn(path: string, code: IssueCode, message: string): void {
    this.warnings.push({ path, code, message });
  }

  result(): ValidationResult {
    return { ok: this.errors.length === 0, errors: this.errors, warnings: this.warnings };
  }
}

const PLAIN_KEY_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const QUOTE_RE = /['\\]/g;

// Property names recur on every object; remember their path suffix (bounded: keys are input).
const suffixCache = new Map<string, string>();

/** `$.a.b` for plain names, `$['SHA-256']` for the rest (hash names, extension ids). */
export function at(path: string, key: string): string {
  let suffix = suffixCache.get(key);
  if (suffix === undefined) {
    suffix = PLAIN_KEY_RE.test(key) ? `.${key}` : `['${key.replace(QUOTE_RE, '\\$&')}']`;
    if (suffixCache.size < 10_000) suffixCache.set(key, suffix);
  }
  return path + suffix;
}

export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** A short rendering of a value for messages. */
export function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

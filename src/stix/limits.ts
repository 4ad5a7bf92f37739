// The node's limits on what it reads, in one place (docs/security.md, "Limits"). The door
// (HTTP body parsing, CLI file reading, TAXII POST, federation receive) checks a whole
// document with checkJsonLimits; the validator, canonicaliser, pattern parser, observable
// index and matcher check the same numbers again on what they are handed, so a value that
// reached them another way — a row stored by an older version, a caller that skipped the
// door — is refused with a clear message instead of overflowing the stack or running for
// minutes. Pure: no I/O. Every walk here is iterative, so no input depth can make it throw.

import { AccordError } from '../errors.js';

export const LIMITS = Object.freeze({
  /** Largest request body, in bytes (a bundle of ~100,000 indicators). */
  bodyBytes: 64 * 1024 * 1024,
  /** Deepest nesting of arrays and objects in a document, its envelope included. */
  jsonDepth: 64,
  /** Most items in one array inside a document (a document's top-level list excepted: the body size bounds it). */
  arrayItems: 100_000,
  /** Longest string value, in UTF-16 code units (fits a 10 MiB file in base64). */
  stringChars: 16 * 1024 * 1024,
  /** Longest property name. */
  keyChars: 1_024,
  /** Longest STIX pattern, in characters. */
  patternChars: 256 * 1024,
  /** Deepest nesting of parentheses and observation brackets in a pattern. */
  patternDepth: 64,
  /** Most observation expressions ([…]) in one pattern. */
  patternObservations: 256,
  /** Most members of one IN (…) set. */
  patternSetMembers: 10_000,
  /** Longest MATCHES regular expression, in characters. */
  regexChars: 4_096,
  /** Largest bound of a counted quantifier {n,m} in a MATCHES expression. */
  regexRepeat: 1_000,
  /** Time one MATCHES test may run before it counts as not matching, in ms. */
  regexTestMs: 100,
  /** Time one pattern match over a set of observations may take in all, in ms. */
  matchTotalMs: 2_000,
});

export type LimitCode = 'limit-exceeded' | 'lone-surrogate';

export interface LimitIssue {
  /** JSON path of the offending value, e.g. `$.objects[3].x_deep`. */
  path: string;
  code: LimitCode;
  message: string;
}

/**
 * Thrown when a value breaks a limit: a catalogue error (400), so the HTTP error handler and
 * the CLI report it as they report any bad input, with the issue as its details.
 */
export class LimitError extends AccordError {
  constructor(
    readonly issue: LimitIssue,
    what?: string,
  ) {
    super(
      issue.code === 'lone-surrogate' ? 'ACCORD_VALIDATION' : 'ACCORD_LIMIT_EXCEEDED',
      `${issue.path}${what ? ` in ${what}` : ''}: ${issue.message}`,
      [issue],
    );
  }
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

function member(path: string, key: string): string {
  return PLAIN_KEY.test(key) ? `${path}.${key}` : `${path}['${key.slice(0, 64).replace(/['\\]/g, '\\$&')}']`;
}

/** Offset of the first unpaired UTF-16 surrogate in `s`, or -1. */
export function loneSurrogateAt(s: string): number {
  // Fast path: well-formed strings are the rule; isWellFormed is Node 20+.
  if ((s as { isWellFormed?: () => boolean }).isWellFormed?.() ?? !/[\ud800-\udfff]/.test(s)) return -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}

/** What is wrong with a string or number value, or undefined (also for containers). */
function scalarIssue(x: unknown): Omit<LimitIssue, 'path'> | undefined {
  if (typeof x === 'string') return stringIssue(x, 'value');
  if (typeof x === 'number' && !Number.isFinite(x)) {
    // JSON.parse reads 1e999 as Infinity, which no JSON writer (nor canonical JSON) can give back.
    return {
      code: 'limit-exceeded',
      message: 'a number is beyond the range of a 64-bit float (about ±1.8e308)',
    };
  }
  return undefined;
}

/** Offset of the first control character (C0, DEL or C1) in `s`, or -1. */
export function controlCharAt(s: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  return s.search(/[\u0000-\u001f\u007f-\u009f]/);
}

/**
 * Why a search text cannot be used, or undefined. A NUL ends the string for SQLite's LIKE,
 * so `%00` would match every object; PostgreSQL refuses it outright. Control characters are
 * never part of what a person searches for.
 */
export function searchTextProblem(s: string): string | undefined {
  const at = controlCharAt(s);
  if (at < 0) return undefined;
  const code = s.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
  return `must not contain control characters; found U+${code} at character ${at + 1}`;
}

function stringIssue(s: string, what: 'value' | 'name'): Omit<LimitIssue, 'path'> | undefined {
  const max = what === 'name' ? LIMITS.keyChars : LIMITS.stringChars;
  if (s.length > max) {
    return {
      code: 'limit-exceeded',
      message: `a property ${what} may have at most ${max} characters, this one has ${s.length}`,
    };
  }
  const at = loneSurrogateAt(s);
  if (at >= 0) {
    const hex = s.charCodeAt(at).toString(16);
    return {
      code: 'lone-surrogate',
      message: `the ${what === 'name' ? 'property name' : 'string'} holds an unpaired UTF-16 surrogate \\u${hex} at character ${at + 1}, which is not Unicode text`,
    };
  }
  return undefined;
}

export interface JsonLimitOptions {
  /** JSON path of the value. Default `$`. */
  path?: string;
  /** Depth the value sits at already (an object inside a bundle: 2). Default 0. */
  depth?: number;
  /** Whether the top-level list (the value itself, or a list directly under it) is bounded by the body size only. Default true. */
  topLevelListsFree?: boolean;
}

// Paths are built only for the value that breaks a limit: each frame knows its parent.
interface Frame {
  v: unknown;
  depth: number;
  parent: Frame | null;
  key: string | number;
}

function failAt(f: Frame, root: string, issue: Omit<LimitIssue, 'path'>): LimitIssue {
  return { path: pathOf(f, root), ...issue };
}

function pathOf(f: Frame, root: string): string {
  const keys: (string | number)[] = [];
  for (let cur: Frame | null = f; cur?.parent; cur = cur.parent) keys.push(cur.key);
  let path = root;
  for (let i = keys.length - 1; i >= 0; i--) {
    const k = keys[i]!;
    path = typeof k === 'number' ? `${path}[${k}]` : member(path, k);
  }
  return path;
}

/**
 * The first way `value` breaks the JSON limits (depth, array length, string and name length,
 * unpaired surrogates), or undefined. Iterative and linear in the size of the value.
 */
export function checkJsonLimits(value: unknown, opts: JsonLimitOptions = {}): LimitIssue | undefined {
  const base = opts.depth ?? 0;
  const free = opts.topLevelListsFree ?? true;
  const root = opts.path ?? '$';
  const top: Frame = { v: value, depth: base, parent: null, key: '' };
  const first = scalarIssue(value);
  if (first) return failAt(top, root, first);
  // Only containers go on the stack; scalars are checked where they are found. This runs on
  // every document a node takes in, so it allocates nothing per string or number.
  const stack: Frame[] = value !== null && typeof value === 'object' ? [top] : [];
  while (stack.length > 0) {
    const f = stack.pop()!;
    const v = f.v as object;
    const depth = f.depth + 1;
    if (depth > LIMITS.jsonDepth) {
      return failAt(f, root, {
        code: 'limit-exceeded',
        message: `arrays and objects may nest at most ${LIMITS.jsonDepth} deep`,
      });
    }
    if (Array.isArray(v)) {
      if (v.length > LIMITS.arrayItems && !(free && f.depth - base <= 1)) {
        return failAt(f, root, {
          code: 'limit-exceeded',
          message: `a list may have at most ${LIMITS.arrayItems} items, this one has ${v.length}`,
        });
      }
      for (let i = v.length - 1; i >= 0; i--) {
        const x: unknown = v[i];
        if (x !== null && typeof x === 'object') stack.push({ v: x, depth, parent: f, key: i });
        else {
          const issue = scalarIssue(x);
          if (issue) return failAt({ v: x, depth, parent: f, key: i }, root, issue);
        }
      }
      continue;
    }
    for (const k in v) {
      if (!Object.hasOwn(v, k)) continue;
      const x: unknown = (v as Record<string, unknown>)[k];
      const issue = stringIssue(k, 'name') ?? scalarIssue(x);
      if (issue) return failAt({ v: x, depth, parent: f, key: k }, root, issue);
      if (x !== null && typeof x === 'object') stack.push({ v: x, depth, parent: f, key: k });
    }
  }
  return undefined;
}

/** Throws LimitError when `value` breaks a JSON limit; see checkJsonLimits. */
export function assertJsonLimits(value: unknown, opts?: JsonLimitOptions & { what?: string }): void {
  const issue = checkJsonLimits(value, opts);
  if (issue) throw new LimitError(issue, opts?.what);
}

/** How many of `ch` occur in `text`, counting no further than `cap`. */
function occurrences(text: string, ch: string, cap: number): number {
  let n = 0;
  for (let at = text.indexOf(ch); at !== -1 && n <= cap; at = text.indexOf(ch, at + 1)) n++;
  return n;
}

/**
 * Whether arrays and objects nest deeper than `limit` in a JSON text, read without parsing.
 * For stored rows, which the door checked when they came in unless an older version stored
 * them: a row deeper than the limit is one no reader can be trusted to load, and one the HTTP
 * serialiser would overflow its stack on. Nesting can go no deeper than the brackets that
 * open it, and indexOf counts those many times faster than a walk over every character
 * (most objects open a handful), so only a text with more than `limit` of them is walked.
 */
export function jsonTextDeeperThan(text: string, limit: number): boolean {
  const braces = occurrences(text, '{', limit);
  if (braces + occurrences(text, '[', limit - braces) <= limit) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

// Splits pattern text into tokens the way the STIX 2.1 ANTLR grammar's lexer does: longest
// match, keywords case-sensitive, whitespace and /* */ or // comments skipped. Constants
// with a prefix (b'…', h'…', t'…') are checked here so that a bad one is reported as such
// rather than as a stray identifier.

import { PatternSyntaxError } from './errors.js';
import { timestampProblem } from './timestamp.js';

export type TokenType =
  | 'word'
  | 'keyword'
  | 'string'
  | 'int'
  | 'float'
  | 'binary'
  | 'hex'
  | 'timestamp'
  | 'punct'
  | 'invalid'
  | 'eof';

export interface Token {
  type: TokenType;
  /** The source text of the token. */
  text: string;
  /** For strings: the unescaped value. */
  value: string;
  start: number;
}

export const KEYWORDS: ReadonlySet<string> = new Set([
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUPERSET',
  'ISSUBSET',
  'EXISTS',
  'LAST',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'true',
  'false',
  'WITHIN',
  'REPEATS',
  'TIMES',
]);

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;
const HEX = /^(?:[A-Fa-f0-9]{2})*$/;
const FLOAT = /[+-]?[0-9]*\.[0-9]+/y;
const INT = /[+-]?(?:0|[1-9][0-9]*)/y;
const WORD = /[a-zA-Z_][a-zA-Z0-9_-]*/y;

function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function isWordStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** Reads a quoted string starting at `quote`; returns the unescaped value and the end offset. */
function readString(src: string, quote: number, what: string): { value: string; end: number } {
  let out = '';
  let from = quote + 1;
  for (let i = quote + 1; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 39) return { value: out + src.slice(from, i), end: i + 1 };
    if (c === 92) {
      const n = src[i + 1];
      if (n !== "'" && n !== '\\') {
        throw new PatternSyntaxError(i, {
          what: `invalid escape '\\${n ?? ''}' in ${what} (only \\' and \\\\ may be escaped)`,
        });
      }
      out += src.slice(from, i) + n;
      i++;
      from = i + 1;
    }
  }
  throw new PatternSyntaxError(quote, { what: `unterminated ${what}` });
}

function prefixed(src: string, i: number): Token {
  const kind = src[i];
  const what = kind === 'b' ? 'binary constant' : kind === 'h' ? 'hex constant' : 'timestamp';
  const { value, end } = readString(src, i + 1, what);
  const text = src.slice(i, end);
  if (kind === 'b') {
    if (!BASE64.test(value)) {
      throw new PatternSyntaxError(i, { what: `invalid base64 in binary constant ${text}` });
    }
    return { type: 'binary', text, value, start: i };
  }
  if (kind === 'h') {
    if (!HEX.test(value)) {
      throw new PatternSyntaxError(i, {
        what: `invalid hex constant ${text}: expected an even number of hex digits`,
      });
    }
    return { type: 'hex', text, value: value.toLowerCase(), start: i };
  }
  const problem = timestampProblem(value);
  if (problem !== undefined) {
    throw new PatternSyntaxError(i, { what: `invalid timestamp ${text}: ${problem}` });
  }
  return { type: 'timestamp', text, value, start: i };
}

const TWO_CHAR = new Set(['!=', '<>', '<=', '>=', '==']);
const PUNCT = new Set(['=', '<', '>', ':', '.', ',', '(', ')', '[', ']', '*']);

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 47 /* / */ && src.charCodeAt(i + 1) === 42 /* * */) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new PatternSyntaxError(i, { what: 'unterminated comment' });
      i = end + 2;
      continue;
    }
    if (c === 47 && src.charCodeAt(i + 1) === 47) {
      while (i < n && src.charCodeAt(i) !== 10 && src.charCodeAt(i) !== 13) i++;
      continue;
    }
    if (c === 39 /* ' */) {
      const { value, end } = readString(src, i, 'string');
      tokens.push({ type: 'string', text: src.slice(i, end), value, start: i });
      i = end;
      continue;
    }
    if ((c === 98 || c === 104 || c === 116) && src.charCodeAt(i + 1) === 39) {
      const t = prefixed(src, i);
      tokens.push(t);
      i += t.text.length;
      continue;
    }
    if (isWordStart(c)) {
      WORD.lastIndex = i;
      WORD.exec(src);
      const text = src.slice(i, WORD.lastIndex);
      tokens.push({ type: KEYWORDS.has(text) ? 'keyword' : 'word', text, value: text, start: i });
      i = WORD.lastIndex;
      continue;
    }
    if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) {
      FLOAT.lastIndex = i;
      if (FLOAT.exec(src)) {
        tokens.push({ type: 'float', text: src.slice(i, FLOAT.lastIndex), value: '', start: i });
        i = FLOAT.lastIndex;
        continue;
      }
      INT.lastIndex = i;
      if (INT.exec(src)) {
        tokens.push({ type: 'int', text: src.slice(i, INT.lastIndex), value: '', start: i });
        i = INT.lastIndex;
        continue;
      }
    }
    const two = src.slice(i, i + 2);
    if (TWO_CHAR.has(two)) {
      tokens.push({ type: 'punct', text: two, value: two, start: i });
      i += 2;
      continue;
    }
    const one = String.fromCodePoint(src.codePointAt(i) ?? c);
    tokens.push({ type: PUNCT.has(one) ? 'punct' : 'invalid', text: one, value: one, start: i });
    i += one.length;
  }
  tokens.push({ type: 'eof', text: '', value: '', start: n });
  return tokens;
}

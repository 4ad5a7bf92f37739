// Character sets and literal escaping for PCRE → JavaScript (u-flag) translation.

export const SPACE = '\\t-\\r ';
export const HSPACE = '\\t \\xa0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000';
export const VSPACE = '\\n-\\r\\x85\\u2028\\u2029';
export const NOT_SPACE_IN_CLASS = '\\0-\\x08\\x0e-\\x1f!-\\u{10FFFF}';
export const POSIX: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: SPACE,
  blank: ' \\t',
  xdigit: '0-9A-Fa-f',
  punct: '!-\\/:-@\\[-`{-~',
  word: 'A-Za-z0-9_',
  cntrl: '\\0-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
  ascii: '\\0-\\x7f',
};
export const SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);
export const CLASS_SPECIAL = new Set([...'\\]^-[']);

export function cp(c: number): string {
  return `\\u{${c.toString(16)}}`;
}

/** A literal character in JS u-mode syntax. */
export function literal(ch: string, inClass: boolean): string {
  if (inClass ? CLASS_SPECIAL.has(ch) : SYNTAX.has(ch)) return `\\${ch}`;
  const c = ch.codePointAt(0)!;
  return c < 0x20 || c === 0x7f ? cp(c) : ch;
}

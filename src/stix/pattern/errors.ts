// Every problem found in a pattern carries where it is. Lines count from 1; columns count
// from 0 within the line, as the OASIS reference validator (ANTLR) reports them, so that
// "at 1:19" means the same character in Accord's messages and in the reference tool's.

export interface PatternError {
  message: string;
  line: number;
  column: number;
  offset: number;
  found?: string;
  expected?: string[];
}

export interface SourcePosition {
  line: number;
  column: number;
  offset: number;
}

/** Line and column of an offset; only computed when an error needs it. */
export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart, offset };
}

export function at(pos: SourcePosition): string {
  return `at ${pos.line}:${pos.column}`;
}

/** Thrown inside the lexer and parser only; parsePattern turns it into a PatternError. */
export class PatternSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly detail: { what: string; found?: string; expected?: string[] },
  ) {
    super(detail.what);
  }
}

/** Builds "<what> at L:C[, found X]" from a thrown syntax error. */
export function toPatternError(text: string, e: PatternSyntaxError): PatternError {
  const pos = positionAt(text, e.offset);
  const found = e.detail.found;
  const message = `${e.detail.what} ${at(pos)}${found !== undefined ? `, found ${found}` : ''}`;
  const out: PatternError = { message, ...pos };
  if (found !== undefined) out.found = found;
  if (e.detail.expected) out.expected = e.detail.expected;
  return out;
}

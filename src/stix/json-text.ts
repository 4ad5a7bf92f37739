import { type ParseError, printParseErrorCode, parse as tolerantParse } from 'jsonc-parser';
import sjson from 'secure-json-parse';
import { AccordError } from '../errors.js';
import { assertJsonLimits } from './limits.js';

/** Line and column (both from 1) of an offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

const WORDS: Record<string, string> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'expected the end of the document',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'an invalid \\u escape',
  InvalidEscapeCharacter: 'an invalid escape in a string',
  InvalidCharacter: 'a control character inside a string',
};

/**
 * Parses a request body as JSON. On failure it says where (line, column) and what is
 * wrong; V8's own messages often give neither. `__proto__` and `constructor.prototype`
 * keys are refused, since they can poison objects merged later.
 */
export function parseJsonBody(text: string, what = 'the request body'): unknown {
  if (text.trim() === '')
    throw new AccordError('ACCORD_BAD_REQUEST', `${what} is empty: expected a JSON document`);
  let doc: unknown;
  try {
    doc = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (e) {
    throw syntaxError(text, what, e);
  }
  // The door: whatever is admitted here the validator, index and exports can read (docs/security.md).
  assertJsonLimits(doc, { what });
  return doc;
}

/** Where and why `text` is not JSON, in words; undefined when no position can be found. */
export function describeSyntaxError(
  text: string,
): { line: number; column: number; offset: number; reason: string } | undefined {
  const errors: ParseError[] = [];
  try {
    tolerantParse(text, errors, {
      disallowComments: true,
      allowTrailingComma: false,
      allowEmptyContent: false,
    });
  } catch {
    return undefined;
  }
  const first = errors[0];
  if (!first) return undefined;
  const { line, column } = lineColumn(text, first.offset);
  const code = printParseErrorCode(first.error);
  const found = text.slice(first.offset, first.offset + 12);
  const reason = `${WORDS[code] ?? code}${found ? `, found '${found}'` : ', found the end of the input'}`;
  return { line, column, offset: first.offset, reason };
}

function syntaxError(text: string, what: string, e: unknown): AccordError {
  const errors: ParseError[] = [];
  try {
    tolerantParse(text, errors, {
      disallowComments: true,
      allowTrailingComma: false,
      allowEmptyContent: false,
    });
  } catch {
    // jsonc-parser recurses; a text nested deeper than the stack gets V8's message alone.
    errors.length = 0;
  }
  const first = errors[0];
  if (!first) {
    return new AccordError('ACCORD_BAD_REQUEST', `${what} is not acceptable JSON: ${(e as Error).message}`);
  }
  const { line, column } = lineColumn(text, first.offset);
  const code = printParseErrorCode(first.error);
  const found = text.slice(first.offset, first.offset + 12);
  const message = `${what} is not valid JSON at line ${line}, column ${column}: ${WORDS[code] ?? code}${
    found ? `, found '${found}'` : ', found the end of the input'
  }`;
  return new AccordError('ACCORD_BAD_REQUEST', message, { line, column, offset: first.offset });
}

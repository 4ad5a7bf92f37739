// The token cursor under the pattern parser (parser.ts): where it is, what it sees, the
// nesting and size limits, and the errors that say what was expected there.

import { LIMITS } from '../limits.js';
import { PatternSyntaxError } from './errors.js';
import { KEYWORDS, type Token, tokenize } from './lexer.js';
import type { PositionTable } from './positions.js';
import { describe } from './token-text.js';

export class TokenCursor {
  protected readonly tokens: Token[];
  protected i = 0;
  // Nesting and size are bounded here (src/stix/limits.ts), so that every visitor of the
  // tree — printer, matcher, extractor, index — recurses at most LIMITS.patternDepth deep.
  protected depth = 0;
  protected observations = 0;

  constructor(
    text: string,
    private readonly positions: PositionTable | undefined,
  ) {
    if (text.length > LIMITS.patternChars) {
      throw new PatternSyntaxError(LIMITS.patternChars, {
        what: `a pattern may have at most ${LIMITS.patternChars} characters, this one has ${text.length}`,
      });
    }
    this.tokens = tokenize(text);
  }

  /** Enters a '(' or '[' at the cursor, refusing nesting beyond the limit. */
  protected enter(): void {
    if (++this.depth > LIMITS.patternDepth) {
      throw new PatternSyntaxError(this.tok.start, {
        what: `parentheses and brackets may nest at most ${LIMITS.patternDepth} deep in a pattern`,
      });
    }
    this.i++;
  }

  protected get tok(): Token {
    return this.tokens[this.i]!;
  }

  protected fail(expected: string[], after?: string, at: Token = this.tok): never {
    const list =
      expected.length <= 2
        ? expected.join(' or ')
        : `${expected.slice(0, -1).join(', ')} or ${expected.at(-1)}`;
    const upper = at.type === 'word' ? at.text.toUpperCase() : '';
    const hint = upper && KEYWORDS.has(upper) ? ` (keywords are upper-case: ${upper})` : '';
    throw new PatternSyntaxError(at.start, {
      what: `expected ${list}${after ? ` after ${after}` : ''}`,
      found: describe(at) + hint,
      expected,
    });
  }

  protected isPunct(p: string): boolean {
    const t = this.tok;
    return t.type === 'punct' && t.text === p;
  }

  protected isKeyword(k: string): boolean {
    const t = this.tok;
    return t.type === 'keyword' && t.text === k;
  }

  protected expectPunct(p: string, after?: string): Token {
    if (!this.isPunct(p)) this.fail([`'${p}'`], after);
    return this.tokens[this.i++]!;
  }

  protected at<T extends object>(node: T, offset: number): T {
    this.positions?.set(node, offset);
    return node;
  }
}

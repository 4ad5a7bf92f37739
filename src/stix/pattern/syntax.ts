// Reading a pattern: syntax first, then the semantic checks, every problem with a position.

import type { Pattern } from './ast.js';
import { at, type PatternError, PatternSyntaxError, positionAt, toPatternError } from './errors.js';
import { parseTree } from './parser.js';
import { newPositionTable } from './positions.js';
import { hasSemanticIssues, semanticIssues } from './semantic.js';

export type ParseResult = { ok: true; ast: Pattern } | { ok: false; error: PatternError };

interface Checked {
  ast?: Pattern;
  errors: PatternError[];
}

// Valid patterns read lately, by text: an import checks each indicator's pattern and then
// reads its observables (index, warninglists) from the same text, which parsed it twice.
// Trees are frozen. Bounded in count and in pattern length; emptied when full. Only the
// validator's reading is remembered: a pattern read once for its observables (the index
// reading a million stored rows at start) would only push trees through the memo, each
// living long enough to be promoted to V8's old space — on a million-row build that grew
// the heap a node keeps by a hundred megabytes and more.
const recent = new Map<string, Pattern>();
const RECENT_MAX = 8_192;
const RECENT_CHARS = 2_048;

function read(text: string, all: boolean, remember: boolean): Checked {
  if (typeof text !== 'string') {
    return { errors: [{ message: 'a pattern must be a string at 1:0', line: 1, column: 0, offset: 0 }] };
  }
  const known = recent.get(text);
  if (known) return { ast: known, errors: [] };
  const r = readAfresh(text, all);
  if (remember && r.ast && text.length <= RECENT_CHARS) {
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(text, r.ast);
  }
  return r;
}

function readAfresh(text: string, all: boolean): Checked {
  let ast: Pattern;
  try {
    ast = parseTree(text);
  } catch (e) {
    if (e instanceof PatternSyntaxError) return { errors: [toPatternError(text, e)] };
    throw e;
  }
  if (!hasSemanticIssues(ast)) return { ast, errors: [] };
  // Positions are only needed to report a problem, so the (rare) second parse records them.
  const positions = newPositionTable();
  ast = parseTree(text, positions);
  const issues = semanticIssues(ast, positions);
  const errors = (all ? issues : issues.slice(0, 1)).map((i) => {
    const pos = positionAt(text, i.offset);
    return { message: `${i.message} ${at(pos)}`, ...pos };
  });
  return errors.length ? { errors } : { ast, errors };
}

/** Parses and checks a pattern. A pattern with any error has no tree: it matches nothing. */
export function parsePattern(text: string): ParseResult {
  const r = read(text, false, false);
  return r.ast ? { ok: true, ast: r.ast } : { ok: false, error: r.errors[0]! };
}

/**
 * checkPattern, also handing back the tree of a valid pattern, and remembering nothing: for a
 * caller that keeps the trees it needs itself (an import's batch, import-batches.ts).
 */
export function checkPatternTree(text: string): { ast?: Pattern; errors: PatternError[] } {
  return read(text, true, false);
}

/** Every syntax or semantic error of a pattern, each message ending in "at L:C"; empty when valid. */
export function checkPattern(text: string): PatternError[] {
  return read(text, true, true).errors;
}

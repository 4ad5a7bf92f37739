// STIX 2.1 patterning: read, print, check, match and index patterns. See docs/patterns.md.

export type * from './ast.js';
export type { PatternError } from './errors.js';
export {
  type Extraction,
  extractObservableSet,
  extractObservables,
  type ObservableTerm,
  type TermOp,
} from './extract.js';
export {
  type MatchOptions,
  type MatchResult,
  matchPattern,
  type ObservedDataInput,
  type ScoInput,
} from './matcher.js';
export { printPattern } from './printer.js';
export { checkPattern, checkPatternTree, type ParseResult, parsePattern } from './syntax.js';

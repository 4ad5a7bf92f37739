// The terms of a pattern an index can use: (SCO type, property, operator, value). A term is
// `sufficient` when an observation holding an object that meets it matches the whole
// pattern, so an index hit needs no confirmation; otherwise it is only necessary-side
// evidence and the matcher must confirm. `complete` says whether every match must contain
// at least one of the terms, i.e. whether an index lookup on them can find every match.

import type { ComparisonExpr, ComparisonNode, Constant, ObservationExpr, Pattern } from './ast.js';
import { printKey } from './printer.js';

export type TermOp = 'eq' | 'cidr' | 'supercidr' | 'like' | 'regex' | 'lt' | 'le' | 'gt' | 'ge' | 'exists';

export interface ObservableTerm {
  scoType: string;
  /** The object path after the type, e.g. "value", "hashes.'SHA-256'", "resolves_to_refs[*].value". */
  property: string;
  op: TermOp;
  value: string | number | boolean | null;
  /** The constant's kind when it is not a plain string or number: 'binary', 'hex', 'timestamp'. */
  valueKind?: Constant['kind'];
  sufficient: boolean;
}

export interface Extraction {
  terms: ObservableTerm[];
  complete: boolean;
}

const ORDER: Record<string, TermOp> = { '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' };

function propertyOf(c: ComparisonNode): string {
  let out = '';
  c.path.steps.forEach((s, i) => {
    if (s.kind === 'key') out += i === 0 ? printKey(s.name) : `.${printKey(s.name)}`;
    else out += s.kind === 'index' ? `[${s.index}]` : '[*]';
  });
  return out;
}

function term(c: ComparisonNode, op: TermOp, v: Constant | undefined, sufficient: boolean): ObservableTerm {
  const t: ObservableTerm = {
    scoType: c.path.objectType,
    property: propertyOf(c),
    op,
    value: v === undefined ? null : v.value,
    sufficient,
  };
  if (v && v.kind !== 'string' && v.kind !== 'int' && v.kind !== 'float' && v.kind !== 'boolean') {
    t.valueKind = v.kind;
  }
  return t;
}

/** Terms of one comparison; `covered` false when the comparison has no positive term (NOT, !=). */
function comparisonTerms(
  c: ComparisonNode,
  sufficient: boolean,
): { terms: ObservableTerm[]; covered: boolean } {
  if (c.negated || c.op === '!=') return { terms: [], covered: false };
  const v = c.value;
  switch (c.op) {
    case '=':
      return { terms: [term(c, 'eq', v as Constant, sufficient)], covered: true };
    case 'IN': {
      const members = v?.kind === 'set' ? v.values : [];
      return { terms: members.map((m) => term(c, 'eq', m, sufficient)), covered: true };
    }
    case 'ISSUBSET':
      return { terms: [term(c, 'cidr', v as Constant, sufficient)], covered: true };
    case 'ISSUPERSET':
      return { terms: [term(c, 'supercidr', v as Constant, sufficient)], covered: true };
    case 'LIKE':
      return { terms: [term(c, 'like', v as Constant, sufficient)], covered: true };
    case 'MATCHES':
      return { terms: [term(c, 'regex', v as Constant, sufficient)], covered: true };
    case 'EXISTS':
      return { terms: [term(c, 'exists', undefined, sufficient)], covered: true };
    default:
      return { terms: [term(c, ORDER[c.op]!, v as Constant, sufficient)], covered: true };
  }
}

function fromComparison(
  e: ComparisonExpr,
  sufficient: boolean,
): { terms: ObservableTerm[]; covered: boolean } {
  if (e.kind === 'comparison') return comparisonTerms(e, sufficient);
  const parts = e.operands.map((o) => fromComparison(o, sufficient && e.op === 'OR'));
  if (e.op === 'OR') return { terms: parts.flatMap((p) => p.terms), covered: parts.every((p) => p.covered) };
  // Under AND any one covered operand is a necessary condition; use the first such.
  const best = parts.find((p) => p.covered);
  return best ? { terms: parts.flatMap((p) => p.terms), covered: true } : { terms: [], covered: false };
}

function fromObservation(
  e: ObservationExpr,
  sufficient: boolean,
): { terms: ObservableTerm[]; covered: boolean } {
  switch (e.kind) {
    case 'observation':
      return fromComparison(e.expr, sufficient);
    case 'observation-op': {
      const parts = e.operands.map((o) => fromObservation(o, sufficient && e.op === 'OR'));
      if (e.op === 'OR')
        return { terms: parts.flatMap((p) => p.terms), covered: parts.every((p) => p.covered) };
      return { terms: parts.flatMap((p) => p.terms), covered: parts.some((p) => p.covered) };
    }
    case 'qualified': {
      // WITHIN over one observation always holds; REPEATS 1 adds nothing; the rest constrain.
      const q = e.qualifier;
      const keeps =
        (q.kind === 'within' && e.expr.kind === 'observation') || (q.kind === 'repeats' && q.times === 1);
      return fromObservation(e.expr, sufficient && keeps);
    }
  }
}

export function extractObservableSet(ast: Pattern): Extraction {
  const { terms, covered } = fromObservation(ast, true);
  return { terms, complete: covered };
}

/** The index terms of a pattern; see extractObservableSet for whether they cover every match. */
export function extractObservables(ast: Pattern): ObservableTerm[] {
  return extractObservableSet(ast).terms;
}

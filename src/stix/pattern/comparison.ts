// Decides a comparison expression inside one observation. Comparisons on the same object
// type joined by AND must hold for the same object (so [user-account:user_id = '1007' AND
// user-account:account_login = 'Peter'] needs one account with both), while comparisons on
// different types may each be met by a different object of the observation. The result is
// the list of such assignments (object type → root object); none means no match.

import type { ComparisonExpr, ComparisonNode, Constant } from './ast.js';
import type { MatchBudget } from './budget.js';
import { blockContains, parseIpBlock } from './cidr.js';
import { compileLike } from './like.js';
import { type PathValue, type Resolver, resolvePath } from './path.js';
import { compileRegex } from './regex-guard.js';
import { bytesToLatin1, compareValue, decodeBinaryProperty, equalsValue, isBinaryKey } from './values.js';

export interface ObservationObjects {
  roots: readonly Record<string, unknown>[];
  resolve: Resolver;
}

/** Per-value test; undefined when it could not be decided (a regex that ran out of time). */
type ValueTest = (pv: PathValue) => boolean | undefined;

export interface MatchNotes {
  undecided: number;
  budget: MatchBudget;
}

const MAX_ASSIGNMENTS = 1000;
const compiled = new WeakMap<ComparisonNode, ValueTest>();

function stringOf(c: ComparisonNode): string {
  return c.value?.kind === 'string' ? c.value.value : '';
}

function compile(c: ComparisonNode): ValueTest {
  const value = c.value;
  switch (c.op) {
    case '=':
      return (pv) => equalsValue(pv, value as Constant);
    case '!=':
      return (pv) => !equalsValue(pv, value as Constant);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const op = c.op;
      return (pv) => {
        const r = compareValue(pv, value as Constant);
        if (r === undefined) return false;
        return op === '<' ? r < 0 : op === '<=' ? r <= 0 : op === '>' ? r > 0 : r >= 0;
      };
    }
    case 'IN': {
      const members = value?.kind === 'set' ? value.values : [];
      return (pv) => members.some((m) => equalsValue(pv, m));
    }
    case 'LIKE': {
      const like = compileLike(stringOf(c));
      return (pv) => typeof pv.value === 'string' && like(pv.value);
    }
    case 'MATCHES': {
      const r = compileRegex(stringOf(c));
      if (!r.ok) return () => false;
      const pcre = stringOf(c);
      const latin1 = [...pcre].every((ch) => ch.codePointAt(0)! < 256);
      return (pv) => {
        if (typeof pv.value !== 'string') return false;
        if (isBinaryKey(pv.key)) {
          const bytes = decodeBinaryProperty(pv);
          return bytes && latin1 ? r.regex.test(bytesToLatin1(bytes)) : false;
        }
        return r.regex.test(pv.value.normalize('NFC'));
      };
    }
    case 'ISSUBSET':
    case 'ISSUPERSET': {
      const block = parseIpBlock(stringOf(c));
      const subset = c.op === 'ISSUBSET';
      return (pv) => {
        const v = typeof pv.value === 'string' ? parseIpBlock(pv.value) : undefined;
        if (!v || !block) return false;
        return subset ? blockContains(block, v) : blockContains(v, block);
      };
    }
    case 'EXISTS':
      return () => true;
  }
}

/** Whether one root object satisfies one comparison. */
function rootSatisfies(
  c: ComparisonNode,
  root: Record<string, unknown>,
  resolve: Resolver,
  notes: MatchNotes,
) {
  const values = resolvePath(root, c.path, resolve);
  if (c.op === 'EXISTS') return c.negated ? values.length === 0 : values.length > 0;
  let test = compiled.get(c);
  if (!test) {
    test = compile(c);
    compiled.set(c, test);
  }
  // A property that is absent makes the comparison false, with or without NOT.
  for (const pv of values) {
    notes.budget.check();
    const r = test(pv);
    if (r === undefined) {
      notes.undecided++;
      continue;
    }
    if (r !== c.negated) return true;
  }
  return false;
}

type Assignment = Readonly<Record<string, number>>;

function keyOf(a: Assignment): string {
  return Object.keys(a)
    .sort()
    .map((k) => `${k}=${a[k]}`)
    .join(',');
}

function dedupe(list: Assignment[]): Assignment[] {
  const seen = new Set<string>();
  const out: Assignment[] = [];
  for (const a of list) {
    const k = keyOf(a);
    if (!seen.has(k) && out.length < MAX_ASSIGNMENTS) {
      seen.add(k);
      out.push(a);
    }
  }
  return out;
}

function join(left: Assignment[], right: Assignment[]): Assignment[] {
  const out: Assignment[] = [];
  for (const a of left) {
    for (const b of right) {
      let ok = true;
      for (const k in b) if (k in a && a[k] !== b[k]) ok = false;
      if (ok) out.push({ ...a, ...b });
      if (out.length > MAX_ASSIGNMENTS * 4) return dedupe(out);
    }
  }
  return dedupe(out);
}

export function evaluateComparison(
  e: ComparisonExpr,
  objs: ObservationObjects,
  notes: MatchNotes,
): Assignment[] {
  if (e.kind === 'boolean') {
    if (e.op === 'OR') return dedupe(e.operands.flatMap((o) => evaluateComparison(o, objs, notes)));
    let acc = evaluateComparison(e.operands[0]!, objs, notes);
    for (let i = 1; i < e.operands.length && acc.length > 0; i++) {
      acc = join(acc, evaluateComparison(e.operands[i]!, objs, notes));
    }
    return acc;
  }
  const out: Assignment[] = [];
  objs.roots.forEach((root, i) => {
    if (root.type === e.path.objectType && rootSatisfies(e, root, objs.resolve, notes)) {
      out.push({ [e.path.objectType]: i });
    }
  });
  return out;
}

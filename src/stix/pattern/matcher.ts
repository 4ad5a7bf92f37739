// Decides which observations a pattern matches: visits the observation expressions of the
// tree bottom-up, each bracket giving the observations that satisfy it and each operator
// or qualifier combining or filtering bindings (bindings.ts).

import type { ObservationExpr, Pattern } from './ast.js';
import {
  type BindingSet,
  BindingSet as Bindings,
  joinAnd,
  repeats,
  startStop,
  type Timeline,
  union,
  within,
} from './bindings.js';
import { MatchBudget } from './budget.js';
import { evaluateComparison, type MatchNotes } from './comparison.js';
import {
  type Observation,
  type ObservedDataInput,
  prepareObservations,
  type ScoInput,
} from './observations.js';
import { parseInstant } from './timestamp.js';

export type { ObservedDataInput, ScoInput } from './observations.js';

export interface MatchResult {
  matched: boolean;
  /** The observed-data that take part in at least one way the pattern matches, in input order. */
  observedDataIds: string[];
  /** Observed-data skipped, regexes that ran out of time, bindings dropped at the limit. */
  warnings: string[];
}

function visit(e: ObservationExpr, obs: Observation[], t: Timeline, notes: MatchNotes): BindingSet {
  switch (e.kind) {
    case 'observation': {
      const out = new Bindings();
      obs.forEach((o, i) => {
        notes.budget.check();
        if (evaluateComparison(e.expr, o, notes).length > 0) out.add([i]);
      });
      return out;
    }
    case 'observation-op': {
      const sets = e.operands.map((o) => visit(o, obs, t, notes));
      if (e.op === 'OR') return union(sets);
      const tick = () => notes.budget.tick();
      return sets.slice(1).reduce((acc, s) => joinAnd(acc, s, t, tick, e.op === 'FOLLOWEDBY'), sets[0]!);
    }
    case 'qualified': {
      const inner = visit(e.expr, obs, t, notes);
      const q = e.qualifier;
      if (q.kind === 'within') return within(inner, q.seconds.value, t);
      if (q.kind === 'repeats') return repeats(inner, q.times, t, () => notes.budget.tick());
      const start = parseInstant(q.start.value);
      const stop = parseInstant(q.stop.value);
      return start && stop ? startStop(inner, start.ms, stop.ms, t) : new Bindings();
    }
  }
}

export interface MatchOptions {
  /** Total time the match may take, in ms (default LIMITS.matchTotalMs). */
  budgetMs?: number;
}

/**
 * Matches a parsed pattern against observed-data. `observations` may hold the SCOs too (as
 * a bundle's objects do); `sco` adds more, as a list or a Map by id. Throws LimitError
 * (ACCORD_LIMIT_EXCEEDED) when the match takes longer than its time budget.
 */
export function matchPattern(
  ast: Pattern,
  observations: readonly (ObservedDataInput | object)[],
  sco?: ScoInput,
  opts: MatchOptions = {},
): MatchResult {
  const { observations: obs, skipped } = prepareObservations(observations, sco);
  const t: Timeline = {
    first: obs.map((o) => o.first),
    last: obs.map((o) => o.last),
    count: obs.map((o) => o.count),
  };
  const notes: MatchNotes = { undecided: 0, budget: new MatchBudget(opts.budgetMs) };
  const result = visit(ast, obs, t, notes);
  const used = new Set<number>();
  for (const b of result.list) for (const i of b) used.add(i);
  const warnings = skipped.map((s) => `skipped ${s}`);
  if (notes.undecided > 0) {
    warnings.push(
      `${notes.undecided} regular-expression test(s) ran out of time and counted as not matching`,
    );
  }
  if (result.truncated) warnings.push('too many combinations of observations; some were not considered');
  return {
    matched: result.list.length > 0,
    observedDataIds: obs.filter((_, i) => used.has(i)).map((o) => o.id),
    warnings,
  };
}

// The matcher's total time budget (LIMITS.matchTotalMs). Each MATCHES test has its own
// limit already, but fifty observations times a slow expression, or a join of two large
// binding sets, add up; the budget bounds the whole match and stops it with a clear error.

import { LIMITS, LimitError } from '../limits.js';

export class MatchBudget {
  private readonly deadline: number;
  private calls = 0;

  constructor(readonly ms: number = LIMITS.matchTotalMs) {
    this.deadline = performance.now() + ms;
  }

  /** Checks the clock; throws LimitError once the budget is spent. */
  check(): void {
    if (performance.now() <= this.deadline) return;
    throw new LimitError({
      path: '$',
      code: 'limit-exceeded',
      message: `matching the pattern took longer than ${this.ms} ms, the most one match may take; match fewer observations at a time or simplify the pattern`,
    });
  }

  /** For tight loops: checks the clock every 1,024 calls. */
  tick(): void {
    if ((++this.calls & 1023) === 0) this.check();
  }
}

// Failed sign-ins are counted per user name and address, and per address alone, in the
// database (migration 024): every process serving one store counts the same guesses, and a
// restart forgets nothing. Successful sign-ins clear the pair's count.

import {
  clearLoginFailures,
  type Db,
  nthNewestLoginFailure,
  purgeLoginFailures,
  recordLoginFailure,
} from '../store/index.js';

export interface LimiterOptions {
  /** Failures allowed per user name from one address within the window. */
  perUser: number;
  /** Failures allowed from one address, over all user names, within the window. */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LIMITS: LimiterOptions = { perUser: 10, perAddress: 50, windowMs: 15 * 60 * 1000 };

export class LoginLimiter {
  constructor(
    private readonly db: Db,
    private readonly opts: LimiterOptions = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before trying again, or 0 when a try is allowed now. */
  async retryAfter(name: string, address: string): Promise<number> {
    const now = this.now();
    const since = now - this.opts.windowMs;
    const checks = [
      { key: { scope: 'user' as const, name, address }, limit: this.opts.perUser },
      { key: { scope: 'address' as const, name: '', address }, limit: this.opts.perAddress },
    ];
    let wait = 0;
    for (const { key, limit } of checks) {
      const at = await nthNewestLoginFailure(this.db, key, since, limit);
      if (at !== null) wait = Math.max(wait, Math.ceil((at + this.opts.windowMs - now) / 1000));
    }
    return wait;
  }

  async fail(name: string, address: string): Promise<void> {
    const now = this.now();
    await recordLoginFailure(this.db, name, address, now);
    // Failures are what fills the table, so they are also what empties it.
    await purgeLoginFailures(this.db, now - this.opts.windowMs);
  }

  async succeed(name: string, address: string): Promise<void> {
    await clearLoginFailures(this.db, name, address);
  }
}

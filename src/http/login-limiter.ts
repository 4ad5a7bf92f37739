// Failed sign-ins are counted in memory, per user name and address and per address alone:
// enough to stop guessing against one node; a restart forgets, which errs toward letting
// people in. Successful sign-ins clear the pair's count.

export interface LimiterOptions {
  /** Failures allowed per user name from one address within the window. */
  perUser: number;
  /** Failures allowed from one address, over all user names, within the window. */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LIMITS: LimiterOptions = { perUser: 10, perAddress: 50, windowMs: 15 * 60 * 1000 };

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly opts: LimiterOptions = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.opts.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  /** Seconds to wait before trying again, or 0 when a try is allowed now. */
  retryAfter(name: string, address: string): number {
    const checks: [string, number][] = [
      [`u:${name}\u0000${address}`, this.opts.perUser],
      [`a:${address}`, this.opts.perAddress],
    ];
    let wait = 0;
    for (const [key, limit] of checks) {
      const times = this.recent(key);
      if (times.length >= limit) {
        const oldest = times[times.length - limit]!;
        wait = Math.max(wait, Math.ceil((oldest + this.opts.windowMs - this.now()) / 1000));
      }
    }
    return wait;
  }

  fail(name: string, address: string): void {
    for (const key of [`u:${name}\u0000${address}`, `a:${address}`]) {
      this.failures.set(key, [...this.recent(key), this.now()]);
    }
  }

  succeed(name: string, address: string): void {
    this.failures.delete(`u:${name}\u0000${address}`);
  }
}

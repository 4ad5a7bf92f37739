import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AccordError } from '../errors.js';

/**
 * Fair scheduling between principals: each user has a lane with a few requests running at
 * once and the rest waiting their turn, so one user firing a hundred expensive listings
 * holds the node for itself no longer than its lane's share. With every request's work
 * bounded (src/node/pager.ts), another user's request waits behind a handful of bounded
 * steps, never behind the flood. A lane whose queue is full is answered 429.
 */
export class PrincipalLanes {
  private readonly lanes = new Map<string, { active: number; waiting: (() => void)[] }>();

  constructor(
    readonly perPrincipal = 2,
    readonly maxWaiting = 64,
  ) {}

  /** Waits for a place in `key`'s lane; the function returned gives it back (once). */
  async acquire(key: string): Promise<() => void> {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { active: 0, waiting: [] };
      this.lanes.set(key, lane);
    }
    const l = lane;
    if (l.active >= this.perPrincipal) {
      if (l.waiting.length >= this.maxWaiting) {
        throw new AccordError(
          'ACCORD_RATE_LIMITED',
          `more than ${this.perPrincipal + this.maxWaiting} requests of this user at once: wait for some to finish`,
          { running: l.active, waiting: l.waiting.length },
        );
      }
      await new Promise<void>((resolve) => l.waiting.push(resolve));
    } else {
      l.active += 1;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = l.waiting.shift();
      // The place passes straight to the next waiter, so `active` stays as it is.
      if (next) next();
      else {
        l.active -= 1;
        if (l.active === 0) this.lanes.delete(key);
      }
    };
  }
}

const RELEASE = Symbol('accord.lane');
type Laned = FastifyRequest & { [RELEASE]?: () => void };

/**
 * Puts every authenticated request (REST and TAXII alike) in its user's lane. `preHandler`
 * runs after every scope's authentication hook; the place is given back when the response
 * is done or the connection closes, whichever comes first.
 */
export function installFairScheduling(app: FastifyInstance, lanes = new PrincipalLanes()): void {
  app.addHook('preHandler', async (request, reply) => {
    if (!request.principal) return;
    const release = await lanes.acquire(`user:${request.principal.user.id}`);
    (request as Laned)[RELEASE] = release;
    // A client that went away while waiting will not see the answer: no place is held for it.
    if (reply.raw.closed) release();
    else reply.raw.once('close', release);
  });
  app.addHook('onResponse', async (request) => {
    (request as Laned)[RELEASE]?.();
  });
}

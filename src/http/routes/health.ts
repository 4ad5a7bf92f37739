import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { indexPhase, observableIndexOf } from '../../intel/index-build.js';
import { authenticate } from '../auth.js';

/** Whether the request carries a token of an administrator of the node's own Party. */
async function isOwnAdmin(request: FastifyRequest): Promise<boolean> {
  if (!request.headers.authorization) return false;
  try {
    const p = await authenticate(request.server.accord, request);
    return p.user.role === 'admin' && p.user.party === request.server.accord.settings.party;
  } catch {
    return false;
  }
}

/** Liveness and readiness for orchestrators: no authentication, no data disclosed. */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    try {
      await sql`select 1`.execute(app.accord.store.db.kysely);
    } catch (e) {
      reply.status(503);
      return {
        error: { code: 'ACCORD_UNAVAILABLE', message: `the store does not answer: ${(e as Error).message}` },
      };
    }
    // How big the index is and what it skipped (objects stored before a limit held) speak of
    // what the node holds, hidden objects included: only the node's own administrators see
    // them. Anyone else, a load balancer first, learns whether the node is ready, and while
    // the index builds how far along it is as a percentage, and no more.
    const own = await isOwnAdmin(request);
    const phase = indexPhase(app.accord);
    if (phase.kind === 'building' || phase.kind === 'failed') {
      reply.status(503);
      reply.header('Retry-After', '1');
      const percent =
        phase.kind === 'building' && phase.total !== null && phase.total > 0
          ? Math.min(99, Math.floor((100 * phase.indexed) / phase.total))
          : 0;
      return {
        status: 'starting',
        store: app.accord.store.db.dialect,
        index: {
          state: phase.kind === 'building' ? 'building' : 'failed',
          percent,
          ...(own && phase.kind === 'building'
            ? { indexed: phase.indexed, ...(phase.total === null ? {} : { total: phase.total }) }
            : {}),
          ...(own && phase.kind === 'failed' ? { error: phase.error } : {}),
        },
        error: {
          code: 'ACCORD_NOT_READY',
          message:
            phase.kind === 'building'
              ? `the lookup index is being built (${percent}%)`
              : 'building the lookup index failed; the next lookup tries again',
        },
      };
    }
    if (!own) return { status: 'ready', store: app.accord.store.db.dialect };
    const index = observableIndexOf(app.accord);
    const report = index.unreadableReport();
    return {
      status: 'ready',
      store: app.accord.store.db.dialect,
      index: { observables: index.size, unreadable: { count: report.count, objects: report.objects } },
    };
  });
};

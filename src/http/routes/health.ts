import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';

/** Liveness and readiness for orchestrators: no authentication, no data disclosed. */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(app.accord.store.db.kysely);
      return { status: 'ready', store: app.accord.store.db.dialect };
    } catch (e) {
      reply.status(503);
      return {
        error: { code: 'ACCORD_UNAVAILABLE', message: `the store does not answer: ${(e as Error).message}` },
      };
    }
  });
};

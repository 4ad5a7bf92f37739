import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { verifyStoredChain } from '../../audit/log.js';
import { listAudit } from '../../store/index.js';
import { requireRole } from '../roles.js';
import { errorResponses } from '../schemas.js';

const Entry = Type.Object(
  {
    seq: Type.Integer(),
    at: Type.String(),
    actor: Type.Unknown(),
    action: Type.String(),
    subject: Type.Optional(Type.Unknown()),
    details: Type.Optional(Type.Unknown()),
    prevHash: Type.String(),
    hash: Type.String(),
  },
  { additionalProperties: false },
);

/** The hash-chained audit log, for the node's administrators. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        summary: 'Audit log entries, oldest first (administrators)',
        tags: ['audit'],
        querystring: Type.Object({
          action: Type.Optional(
            Type.String({ maxLength: 100, description: 'e.g. disclosure, consent.granted' }),
          ),
          since: Type.Optional(Type.String({ format: 'date-time' })),
          until: Type.Optional(Type.String({ format: 'date-time' })),
          after: Type.Optional(Type.Integer({ minimum: 0, description: 'Entries after this seq (paging)' })),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
        }),
        response: {
          200: Type.Object({ items: Type.Array(Entry), next: Type.Union([Type.Integer(), Type.Null()]) }),
          ...errorResponses(400, 403),
        },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const q = request.query;
      const items = await listAudit(app.accord.store.db, {
        limit: q.limit,
        ...(q.action ? { action: q.action } : {}),
        ...(q.since ? { since: q.since } : {}),
        ...(q.until ? { until: q.until } : {}),
        ...(q.after !== undefined ? { after: q.after } : {}),
      });
      return { items, next: items.length === q.limit ? items.at(-1)!.seq : null };
    },
  );

  app.get(
    '/audit/verify',
    {
      schema: {
        summary: 'Check the whole chain: names the first changed, deleted, inserted or reordered entry',
        tags: ['audit'],
        response: { 200: Type.Unknown(), ...errorResponses(403) },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return verifyStoredChain(app.accord);
    },
  );
};

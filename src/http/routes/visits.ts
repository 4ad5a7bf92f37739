import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AccordError } from '../../errors.js';
import { getVisit, markVisit, type UserVisit, VISIT_GAP_MS } from '../../store/index.js';
import { Visit } from '../contract/admin.js';
import { userOf } from '../principal.js';
import { errorResponses } from '../schemas.js';

const visitJson = (v: UserVisit) => ({
  since: v.previousSeenAt,
  visit_started_at: v.visitStartedAt,
  seen_at: v.seenAt,
});

const GAP = `${VISIT_GAP_MS / 60_000} minutes`;

/**
 * "Since your last visit", per user on the server: the Overview marks a look each time it
 * opens, and counts what arrived after the previous visit ended. Only the user's own times.
 */
export const visitsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.accord.store.db;
  app.get(
    '/visit',
    {
      schema: {
        summary: 'Your previous and current visit, without marking one',
        description: 'Answers 404 before the first visit is marked.',
        tags: ['session'],
        response: { 200: Visit, ...errorResponses(404) },
      },
    },
    async (request) => {
      const u = userOf(request);
      const v = await getVisit(db, u.party, u.id);
      if (!v)
        throw new AccordError('ACCORD_NOT_FOUND', `no visit of ${u.name} marked yet: POST /api/v1/visit`);
      return visitJson(v);
    },
  );
  app.post(
    '/visit',
    {
      schema: {
        summary: 'Mark that you are looking now (the Overview does, each time it opens)',
        description: `A look within ${GAP} of the last one belongs to the same visit and leaves \`since\` as it was; after a longer pause a new visit begins, and \`since\` becomes the end of the one before.`,
        tags: ['session'],
        response: { 200: Visit, ...errorResponses() },
      },
    },
    async (request) => {
      const u = userOf(request);
      return visitJson(await markVisit(db, u.party, u.id));
    },
  );
};

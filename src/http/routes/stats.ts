import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AccordError } from '../../errors.js';
import { activity } from '../../exchange/stats/activity.js';
import { ActivityStats } from '../contract/objects.js';
import { errorResponses } from '../schemas.js';
import { ctxFrom } from './exchange-schemas.js';

const Day = (description: string) =>
  Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

/** Counts for the console's Overview, each over only what the reader may see. */
export const statsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/stats/activity',
    {
      schema: {
        summary:
          'Activity over a period: objects by day, Party and type; notifications by severity; requests by state and Party; time to acknowledge and to answer per Party',
        description: `Counts only what you may see. The period is at most ${MAX_DAYS} days; both days are included.`,
        tags: ['stats'],
        querystring: Type.Object({
          from: Type.Optional(Day('First day (UTC); default 29 days before `to`')),
          to: Type.Optional(Day('Last day (UTC); default today')),
        }),
        response: { 200: ActivityStats, ...errorResponses(400) },
      },
    },
    async (request) => {
      const to = request.query.to ?? new Date().toISOString().slice(0, 10);
      const from =
        request.query.from ??
        new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS).toISOString().slice(0, 10);
      const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
      if (!(span >= 0)) {
        throw new AccordError('ACCORD_VALIDATION', `$querystring.from ${from} is after to ${to}`, [
          { path: '$querystring.from', message: `must not be after to (${to})` },
        ]);
      }
      if (span >= MAX_DAYS) {
        throw new AccordError(
          'ACCORD_VALIDATION',
          `$querystring.from the period is longer than ${MAX_DAYS} days`,
          [{ path: '$querystring.from', message: `at most ${MAX_DAYS} days before to` }],
        );
      }
      return activity(app.accord, ctxFrom(request), { from, to });
    },
  );
};

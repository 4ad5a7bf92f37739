import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AccordError } from '../../errors.js';
import { activity } from '../../exchange/stats/activity.js';
import { errorResponses } from '../schemas.js';
import { ctxFrom } from './exchange-schemas.js';

const Day = (description: string) =>
  Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });
const Count = Type.Integer({ minimum: 0 });
const Hours = Type.Union([Type.Number(), Type.Null()]);
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

const Activity = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    complete: Type.Boolean({ description: 'false when the period held more than one answer counts' }),
    objects: Type.Array(
      Type.Object({ day: Type.String(), party: Type.String(), type: Type.String(), count: Count }),
    ),
    notifications: Type.Array(Type.Object({ severity: Type.String(), count: Count })),
    requests: Type.Array(Type.Object({ state: Type.String(), party: Type.String(), count: Count })),
    timeliness: Type.Array(
      Type.Object({
        party: Type.String(),
        delivered: Count,
        acknowledged: Count,
        acknowledged_in_time: Count,
        median_ack_hours: Hours,
        requests: Count,
        answered: Count,
        answered_in_time: Count,
        median_answer_hours: Hours,
        overdue_open: Count,
      }),
    ),
  },
  { additionalProperties: false },
);

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
        response: { 200: Activity, ...errorResponses(400) },
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

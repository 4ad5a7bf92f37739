import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  acknowledge,
  listNotifications,
  sendNotification,
  view,
} from '../../exchange/notification-service.js';
import { NOTIFICATION_KINDS, SEVERITIES } from '../../exchange/types/notification.js';
import { NotificationPage, NotificationView } from '../contract/exchange.js';
import { errorResponses, StixIdParam } from '../schemas.js';
import { snake } from '../snake.js';
import {
  bool,
  ctxFrom,
  IdParams,
  lit,
  Paging,
  Party,
  page,
  position,
  Text,
  Tlp,
} from './exchange-schemas.js';

const Body = Type.Object(
  {
    kind: lit(NOTIFICATION_KINDS),
    severity: lit(SEVERITIES),
    summary: Text(500),
    body: Type.Optional(Type.String({ maxLength: 100_000 })),
    object_refs: Type.Optional(Type.Array(StixIdParam, { maxItems: 1000 })),
    recipients: Type.Optional(
      Type.Array(Party, {
        minItems: 1,
        maxItems: 20,
        description: 'Named Parties; absent: every Party in force',
      }),
    ),
    tlp: Type.Optional(Tlp),
    deadline: Type.Optional(
      Type.String({ format: 'date-time', description: 'Overrides the severity’s deadline' }),
    ),
  },
  { additionalProperties: false },
);

/** Notifications of Article 7 with per-recipient acknowledgement. */
export const notificationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = ctxFrom;

  app.post(
    '/notifications',
    {
      schema: {
        summary: 'Notify Parties of a threat, an incident or a response measure',
        tags: ['notifications'],
        body: Body,
        response: { 201: NotificationView, ...errorResponses(400, 403) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const n = await sendNotification(app.accord, ctx(request), {
        kind: b.kind as never,
        severity: b.severity as never,
        summary: b.summary,
        ...(b.body ? { body: b.body } : {}),
        ...(b.object_refs ? { objectRefs: b.object_refs } : {}),
        ...(b.recipients ? { recipients: b.recipients } : {}),
        ...(b.tlp ? { tlp: b.tlp as never } : {}),
        ...(b.deadline ? { deadline: new Date(b.deadline).toISOString() } : {}),
      });
      reply.status(201);
      return snake(n);
    },
  );

  app.get(
    '/notifications',
    {
      schema: {
        summary: 'Notifications you sent or received, newest first',
        tags: ['notifications'],
        querystring: Type.Object({
          box: Type.Optional(lit(['inbox', 'sent'])),
          kind: Type.Optional(lit(NOTIFICATION_KINDS)),
          severity: Type.Optional(lit(SEVERITIES)),
          overdue: Type.Optional(lit(['true', 'false'])),
          unacknowledged: Type.Optional(lit(['true', 'false'])),
          ...Paging,
        }),
        response: { 200: NotificationPage, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { limit, cursor, exercise: _e, ...filters } = request.query;
      const before = await position(request, cursor, filters);
      const overdue = bool(filters.overdue, 'overdue');
      const unacknowledged = bool(filters.unacknowledged, 'unacknowledged');
      const r = await listNotifications(
        app.accord,
        ctx(request),
        {
          ...(filters.box ? { box: filters.box as 'inbox' } : {}),
          ...(filters.kind ? { kind: filters.kind } : {}),
          ...(filters.severity ? { severity: filters.severity } : {}),
          ...(overdue === undefined ? {} : { overdue }),
          ...(unacknowledged === undefined ? {} : { unacknowledged }),
        },
        limit,
        before,
      );
      return page(request, r, filters, (x) => snake(x));
    },
  );

  app.get(
    '/notifications/:id',
    {
      schema: {
        summary: 'One notification; its sender sees who acknowledged and when',
        tags: ['notifications'],
        params: IdParams('x-accord-notification'),
        response: { 200: NotificationView, ...errorResponses(404) },
      },
    },
    async (request) => snake(await view(app.accord, ctx(request), request.params.id)),
  );

  app.post(
    '/notifications/:id/ack',
    {
      schema: {
        summary: 'Acknowledge a notification for your Party',
        tags: ['notifications'],
        params: IdParams('x-accord-notification'),
        response: { 200: NotificationView, ...errorResponses(403, 404, 409) },
      },
    },
    async (request) => snake(await acknowledge(app.accord, ctx(request), request.params.id)),
  );
};

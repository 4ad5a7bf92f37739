import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { REQUEST_MOVES, REQUEST_STATES, type RequestMove } from '../../exchange/request-machine.js';
import { createRequest, getRequest, listRequests, move } from '../../exchange/request-service.js';
import { ASSISTANCE_PURPOSES, REQUEST_KINDS } from '../../exchange/types/request.js';
import { RequestPage, RequestView } from '../contract/exchange.js';
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

const Resource = Type.Object(
  { value: Text(2000), type: lit(['url', 'domain', 'ipv4', 'ipv6']) },
  { additionalProperties: false },
);

const Body = Type.Object(
  {
    kind: lit(REQUEST_KINDS),
    addressee: Party,
    summary: Text(500),
    details: Type.Optional(Type.String({ maxLength: 100_000 })),
    deadline: Type.Optional(Type.String({ format: 'date-time' })),
    tlp: Type.Optional(Tlp),
    object_refs: Type.Optional(Type.Array(StixIdParam, { maxItems: 1000 })),
    legal_basis: Type.Optional(Text(2000)),
    case_reference: Type.Optional(Text(200)),
    purpose: Type.Optional(lit(ASSISTANCE_PURPOSES)),
    indicators: Type.Optional(Type.Array(Text(2000), { maxItems: 1000 })),
    resources: Type.Optional(Type.Array(Resource, { maxItems: 1000 })),
    criteria: Type.Optional(Type.Array(StixIdParam, { maxItems: 50 })),
    evidence: Type.Optional(Text(100_000)),
    send: Type.Optional(Type.Boolean({ description: 'Send at once (default: keep a draft)' })),
  },
  { additionalProperties: false },
);

const MoveBody = Type.Object(
  {
    note: Type.Optional(Type.String({ maxLength: 10_000 })),
    answer: Type.Optional(Type.String({ maxLength: 100_000 })),
    object_refs: Type.Optional(Type.Array(StixIdParam, { maxItems: 1000 })),
    documents: Type.Optional(Type.Array(StixIdParam, { maxItems: 100 })),
    ground: Type.Optional(Text(2000)),
    blocked: Type.Optional(
      Type.Array(
        Type.Object({ value: Text(2000), blocked_at: Type.Optional(Type.String({ format: 'date-time' })) }),
        { maxItems: 1000 },
      ),
    ),
    refused: Type.Optional(
      Type.Array(Type.Object({ value: Text(2000), reason: Text(2000) }), { maxItems: 1000 }),
    ),
  },
  { additionalProperties: false },
);

/** Requests for information, assistance and blocking, through their state machine. */
export const requestsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/requests',
    {
      schema: {
        summary: 'Make a request (a draft, or sent at once with send: true)',
        tags: ['requests'],
        body: Body,
        response: { 201: RequestView, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const r = await createRequest(app.accord, ctxFrom(request), {
        kind: b.kind as never,
        addressee: b.addressee,
        summary: b.summary,
        ...(b.details ? { details: b.details } : {}),
        ...(b.deadline ? { deadline: new Date(b.deadline).toISOString() } : {}),
        ...(b.tlp ? { tlp: b.tlp as never } : {}),
        ...(b.object_refs ? { objectRefs: b.object_refs } : {}),
        ...(b.legal_basis ? { legalBasis: b.legal_basis } : {}),
        ...(b.case_reference ? { caseReference: b.case_reference } : {}),
        ...(b.purpose ? { purpose: b.purpose } : {}),
        ...(b.indicators ? { indicators: b.indicators } : {}),
        ...(b.resources ? { resources: b.resources as never } : {}),
        ...(b.criteria ? { criteria: b.criteria } : {}),
        ...(b.evidence ? { evidence: b.evidence } : {}),
        ...(b.send ? { send: true } : {}),
      });
      reply.status(201);
      return snake(r);
    },
  );

  app.get(
    '/requests',
    {
      schema: {
        summary: 'Requests you made or received, newest first',
        tags: ['requests'],
        querystring: Type.Object({
          box: Type.Optional(lit(['inbox', 'sent'])),
          kind: Type.Optional(lit(REQUEST_KINDS)),
          state: Type.Optional(lit(REQUEST_STATES)),
          overdue: Type.Optional(lit(['true', 'false'])),
          due_soon: Type.Optional(lit(['true', 'false'])),
          ...Paging,
        }),
        response: { 200: RequestPage, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { limit, cursor, exercise: _e, ...f } = request.query;
      const overdue = bool(f.overdue, 'overdue');
      const dueSoon = bool(f.due_soon, 'due_soon');
      const r = await listRequests(
        app.accord,
        ctxFrom(request),
        {
          ...(f.box ? { box: f.box as 'inbox' } : {}),
          ...(f.kind ? { kind: f.kind } : {}),
          ...(f.state ? { state: f.state } : {}),
          ...(overdue === undefined ? {} : { overdue }),
          ...(dueSoon === undefined ? {} : { dueSoon }),
        },
        limit,
        await position(request, cursor, f),
      );
      return page(request, r, f, (x) => snake(x));
    },
  );

  app.get(
    '/requests/:id',
    {
      schema: {
        summary: 'One request with its history and the moves open to you',
        tags: ['requests'],
        params: IdParams('x-accord-request'),
        response: { 200: RequestView, ...errorResponses(404) },
      },
    },
    async (request) => snake(await getRequest(app.accord, ctxFrom(request), request.params.id)),
  );

  for (const m of REQUEST_MOVES) {
    app.post(
      `/requests/:id/${m}`,
      {
        schema: {
          summary: `Move a request: ${m}`,
          description:
            'An illegal move is refused with 409 and the reason; a move that is not your side’s with 403.',
          tags: ['requests'],
          params: IdParams('x-accord-request'),
          body: Type.Union([MoveBody, Type.Null()], { description: 'optional' }),
          response: { 200: RequestView, ...errorResponses(400, 403, 404, 409) },
        },
      },
      async (request) => {
        const b = request.body ?? {};
        return snake(
          await move(app.accord, ctxFrom(request), request.params.id, m as RequestMove, {
            ...(b.note ? { note: b.note } : {}),
            ...(b.answer ? { answer: b.answer } : {}),
            ...(b.object_refs ? { objectRefs: b.object_refs } : {}),
            ...(b.documents ? { documents: b.documents } : {}),
            ...(b.ground ? { ground: b.ground } : {}),
            ...(b.blocked
              ? {
                  blocked: b.blocked.map((x) => ({
                    value: x.value,
                    blockedAt: x.blocked_at ?? new Date().toISOString(),
                  })),
                }
              : {}),
            ...(b.refused ? { refused: b.refused } : {}),
          }),
        );
      },
    );
  }
};

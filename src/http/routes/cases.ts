import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  addMeasure,
  addParticipants,
  addRefs,
  closeCase,
  commentCase,
  createCase,
  getCase,
  listCases,
  updateMeasure,
} from '../../exchange/case-service.js';
import { MEASURE_STATES } from '../../exchange/types/case.js';
import { CasePage, CaseView } from '../contract/exchange.js';
import { errorResponses, StixIdParam } from '../schemas.js';
import { snake } from '../snake.js';
import { ctxFrom, IdParams, lit, Paging, Party, page, position, Text, Tlp } from './exchange-schemas.js';

const Params = IdParams('x-accord-case');

/** Joint cases of Article 6: gathered records, coordinated measures, a timeline. */
export const casesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/cases',
    {
      schema: {
        summary: 'Open a joint case with participating Parties',
        tags: ['cases'],
        body: Type.Object(
          {
            title: Text(500),
            description: Type.Optional(Type.String({ maxLength: 100_000 })),
            participants: Type.Array(Party, { minItems: 1, maxItems: 20 }),
            refs: Type.Optional(Type.Array(StixIdParam, { maxItems: 1000 })),
            tlp: Type.Optional(Tlp),
          },
          { additionalProperties: false },
        ),
        response: { 201: CaseView, ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const c = await createCase(app.accord, ctxFrom(request), {
        title: b.title,
        participants: b.participants,
        ...(b.description ? { description: b.description } : {}),
        ...(b.refs ? { refs: b.refs } : {}),
        ...(b.tlp ? { tlp: b.tlp as never } : {}),
      });
      reply.status(201);
      return snake(await getCase(app.accord, ctxFrom(request), c.id));
    },
  );

  app.get(
    '/cases',
    {
      schema: {
        summary: 'Joint cases you may see',
        tags: ['cases'],
        querystring: Type.Object({ state: Type.Optional(lit(['open', 'closed'])), ...Paging }),
        response: { 200: CasePage, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { limit, cursor, exercise: _e, ...f } = request.query;
      return page(
        request,
        await listCases(app.accord, ctxFrom(request), f, limit, await position(request, cursor, f)),
        f,
        snake,
      );
    },
  );

  app.get(
    '/cases/:id',
    {
      schema: {
        summary: 'A case as the policy lets you see it, with its timeline',
        tags: ['cases'],
        params: Params,
        response: { 200: CaseView, ...errorResponses(404) },
      },
    },
    async (request) => snake(await getCase(app.accord, ctxFrom(request), request.params.id)),
  );

  app.post(
    '/cases/:id/refs',
    {
      schema: {
        summary: 'Gather notifications, requests or objects into the case',
        tags: ['cases'],
        params: Params,
        body: Type.Object(
          { refs: Type.Array(StixIdParam, { minItems: 1, maxItems: 1000 }) },
          { additionalProperties: false },
        ),
        response: { 200: CaseView, ...errorResponses(403, 404) },
      },
    },
    async (request) =>
      snake(await addRefs(app.accord, ctxFrom(request), request.params.id, request.body.refs)),
  );

  app.post(
    '/cases/:id/measures',
    {
      schema: {
        summary: 'Add a coordinated measure assigned to a participating Party',
        description:
          'The owner assigns a measure to any participant. A participant adds a measure it takes on itself ' +
          '(assignee: its own Party), on its own node: signed there, it returns to the owner and the others.',
        tags: ['cases'],
        params: Params,
        body: Type.Object(
          { title: Text(500), assignee: Party, due: Type.String({ format: 'date' }) },
          { additionalProperties: false },
        ),
        response: { 200: CaseView, ...errorResponses(400, 403, 404, 409) },
      },
    },
    async (request) => snake(await addMeasure(app.accord, ctxFrom(request), request.params.id, request.body)),
  );

  app.patch(
    '/cases/:id/measures/:measure',
    {
      schema: {
        summary: 'Update a measure’s state (its assignee or the case owner)',
        tags: ['cases'],
        params: Type.Object({ id: Params.properties.id, measure: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ state: lit(MEASURE_STATES) }, { additionalProperties: false }),
        response: { 200: CaseView, ...errorResponses(400, 403, 404) },
      },
    },
    async (request) =>
      snake(
        await updateMeasure(
          app.accord,
          ctxFrom(request),
          request.params.id,
          request.params.measure,
          request.body.state as never,
        ),
      ),
  );

  app.post(
    '/cases/:id/close',
    {
      schema: {
        summary: 'Close the case (its owner)',
        tags: ['cases'],
        params: Params,
        response: { 200: CaseView, ...errorResponses(403, 404, 409) },
      },
    },
    async (request) => snake(await closeCase(app.accord, ctxFrom(request), request.params.id)),
  );

  app.post(
    '/cases/:id/comments',
    {
      schema: {
        summary: 'Comment in the case, on your own Party’s node; the comment reaches the participants',
        tags: ['cases'],
        params: Params,
        body: Type.Object({ text: Text(10_000) }, { additionalProperties: false }),
        response: { 200: CaseView, ...errorResponses(400, 403, 404) },
      },
    },
    async (request) =>
      snake(await commentCase(app.accord, ctxFrom(request), request.params.id, request.body.text)),
  );

  app.post(
    '/cases/:id/participants',
    {
      schema: {
        summary: 'Add participating Parties (the owner, on its node); they receive the case’s history',
        tags: ['cases'],
        params: Params,
        body: Type.Object(
          { participants: Type.Array(Party, { minItems: 1, maxItems: 20 }) },
          { additionalProperties: false },
        ),
        response: { 200: CaseView, ...errorResponses(400, 403, 404, 409) },
      },
    },
    async (request) =>
      snake(
        await addParticipants(app.accord, ctxFrom(request), request.params.id, request.body.participants),
      ),
  );
};

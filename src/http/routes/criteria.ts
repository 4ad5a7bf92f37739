import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  createCriterion,
  getCriterion,
  listCriteria,
  setLegalReference,
  statistics,
} from '../../exchange/criteria-service.js';
import { BlockingStats } from '../contract/criteria.js';
import { CriterionPage, CriterionView } from '../contract/exchange.js';
import { requireRole } from '../roles.js';
import { errorResponses, StixIdParam } from '../schemas.js';
import { snake } from '../snake.js';
import { ctxFrom, IdParams, Paging, Party, page, position, Text } from './exchange-schemas.js';

/** The shared catalogue of blocking criteria (Article 6) and its statistics. */
export const criteriaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/criteria',
    {
      schema: {
        summary: 'Add a criterion to the shared catalogue (liaison or admin)',
        tags: ['criteria'],
        body: Type.Object(
          {
            code: Type.String({ pattern: '^[A-Za-z0-9._-]{1,40}$' }),
            title_en: Text(500),
            title_ru: Text(500),
            description_en: Text(20_000),
            description_ru: Text(20_000),
            legal_reference: Type.Optional(Text(2000)),
          },
          { additionalProperties: false },
        ),
        response: { 201: CriterionView, ...errorResponses(400, 403) },
      },
    },
    async (request, reply) => {
      requireRole(request, 'liaison', 'admin');
      const b = request.body;
      const ctx = ctxFrom(request);
      const c = await createCriterion(app.accord, ctx, {
        code: b.code,
        titleEn: b.title_en,
        titleRu: b.title_ru,
        descriptionEn: b.description_en,
        descriptionRu: b.description_ru,
        legalReferences: b.legal_reference ? [{ party: ctx.user.party, reference: b.legal_reference }] : [],
      });
      reply.status(201);
      return snake(c);
    },
  );

  app.get(
    '/criteria',
    {
      schema: {
        summary: 'The catalogue of blocking criteria',
        tags: ['criteria'],
        querystring: Type.Object({ ...Paging }),
        response: { 200: CriterionPage, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      return page(
        request,
        await listCriteria(app.accord, ctxFrom(request), limit, await position(request, cursor, {})),
        {},
        snake,
      );
    },
  );

  app.get(
    '/criteria/statistics',
    {
      schema: {
        summary: 'Resources requested, blocked and refused per criterion, deciding Party and month',
        description:
          'Every Party’s own published counts (x-accord-blocking-stats) held on this node, per criterion, ' +
          'deciding Party and month (`items`), and summed over the Parties per criterion (`totals`). In an ' +
          'exercise, the exercise’s own requests on this node.',
        tags: ['criteria'],
        querystring: Type.Object({
          criterion: Type.Optional(StixIdParam),
          party: Type.Optional(Party),
          month: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$' })),
          exercise: Type.Optional(Type.String()),
        }),
        response: { 200: BlockingStats, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { exercise: _e, ...f } = request.query;
      const s = await statistics(app.accord, ctxFrom(request), f);
      return {
        items: s.items.map((r) => snake(r)),
        totals: s.totals.map((r) => snake(r)),
      };
    },
  );

  app.get(
    '/criteria/:id',
    {
      schema: {
        summary: 'One criterion',
        tags: ['criteria'],
        params: IdParams('x-accord-criterion'),
        response: { 200: CriterionView, ...errorResponses(404) },
      },
    },
    async (request) => snake(await getCriterion(app.accord, ctxFrom(request), request.params.id)),
  );

  app.put(
    '/criteria/:id/legal-reference',
    {
      schema: {
        summary: 'State the legal reference under which your Party applies the criterion',
        tags: ['criteria'],
        params: IdParams('x-accord-criterion'),
        body: Type.Object({ reference: Text(2000) }, { additionalProperties: false }),
        response: { 200: CriterionView, ...errorResponses(403, 404) },
      },
    },
    async (request) => {
      requireRole(request, 'liaison', 'admin');
      return snake(
        await setLegalReference(app.accord, ctxFrom(request), request.params.id, request.body.reference),
      );
    },
  );
};

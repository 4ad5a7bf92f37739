import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  createExercise,
  endExercise,
  getExercise,
  listExercises,
  purgeExercise,
} from '../../exchange/exercise-service.js';
import { ctxOf } from '../../exchange/records.js';
import { ExercisePage, ExercisePurged, ExerciseView } from '../contract/criteria.js';
import { userOf } from '../principal.js';
import { requireRole } from '../roles.js';
import { errorResponses } from '../schemas.js';
import { snake } from '../snake.js';
import { IdParams, Paging, Party, page, position, Text } from './exchange-schemas.js';

const Params = IdParams('x-accord-exercise');

/**
 * Exercises of Article 1. Work inside one by sending `X-Accord-Exercise: ID` (or
 * `?exercise=ID`) with any request: it then sees that exercise's data and nothing else.
 */
export const exercisesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/exercises',
    {
      schema: {
        summary: 'Start an exercise with participating Parties (liaison or admin)',
        tags: ['exercises'],
        body: Type.Object(
          {
            name: Text(500),
            starts: Type.String({ format: 'date' }),
            ends: Type.String({ format: 'date' }),
            parties: Type.Array(Party, { minItems: 1, maxItems: 20 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: ExerciseView, ...errorResponses(400, 403) },
      },
    },
    async (request, reply) => {
      const { user } = requireRole(request, 'liaison', 'admin');
      reply.status(201);
      return snake(await createExercise(app.accord, ctxOf(user), request.body));
    },
  );

  app.get(
    '/exercises',
    {
      schema: {
        summary: 'Exercises your Party takes part in',
        tags: ['exercises'],
        querystring: Type.Object({ ...Paging }),
        response: { 200: ExercisePage, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      return page(
        request,
        await listExercises(app.accord, userOf(request), limit, await position(request, cursor, {})),
        {},
        snake,
      );
    },
  );

  app.get(
    '/exercises/:id',
    {
      schema: {
        summary: 'One exercise',
        tags: ['exercises'],
        params: Params,
        response: { 200: ExerciseView, ...errorResponses(404) },
      },
    },
    async (request) => snake(await getExercise(app.accord, userOf(request), request.params.id)),
  );

  app.post(
    '/exercises/:id/end',
    {
      schema: {
        summary: 'End the exercise (its organiser)',
        tags: ['exercises'],
        params: Params,
        response: { 200: ExerciseView, ...errorResponses(403, 404, 409) },
      },
    },
    async (request) => {
      const { user } = requireRole(request, 'liaison', 'admin');
      return snake(await endExercise(app.accord, user, request.params.id));
    },
  );

  app.post(
    '/exercises/:id/purge',
    {
      schema: {
        summary: 'Delete everything made inside an ended exercise (its organiser’s admin)',
        tags: ['exercises'],
        params: Params,
        response: { 200: ExercisePurged, ...errorResponses(403, 404, 409) },
      },
    },
    async (request) => {
      const { user } = requireRole(request, 'admin');
      return snake(await purgeExercise(app.accord, user, request.params.id));
    },
  );
};

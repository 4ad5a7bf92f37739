import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { reportSighting } from '../../intel/sighting-service.js';
import { userOf } from '../principal.js';
import { errorResponses, StixIdParam, StixObjectSchema } from '../schemas.js';

/** Sightings pushed by people and machines: "we saw this here, so many times". */
export const sightingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/sightings',
    {
      schema: {
        summary: 'Report a sighting of an object you may see (signed by this node for your Party)',
        tags: ['lookup'],
        body: Type.Object(
          {
            of: StixIdParam,
            count: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999_999 })),
            first_seen: Type.Optional(Type.String({ format: 'date-time' })),
            last_seen: Type.Optional(Type.String({ format: 'date-time' })),
            description: Type.Optional(Type.String({ minLength: 1, maxLength: 10_000 })),
            tlp: Type.Optional(
              Type.Union(
                ['clear', 'green', 'amber', 'amber+strict', 'red'].map((l) => Type.Literal(l)),
                {
                  description: 'Default amber: every Party in force, and no further',
                },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: StixObjectSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const b = request.body;
      const sighting = await reportSighting(
        app.accord,
        { party: user.party, name: user.name, audience: request.audience() },
        {
          of: b.of,
          ...(b.count !== undefined ? { count: b.count } : {}),
          ...(b.first_seen ? { first_seen: b.first_seen } : {}),
          ...(b.last_seen ? { last_seen: b.last_seen } : {}),
          ...(b.description ? { description: b.description } : {}),
          ...(b.tlp ? { tlp: b.tlp as 'amber' } : {}),
        },
      );
      reply.status(201);
      return sighting;
    },
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { dataInfo, shippedData } from '../../exchange/jurisdiction/data.js';
import { route } from '../../exchange/jurisdiction/route.js';
import { JurisdictionAnswer as Answer } from '../contract/feeds.js';
import { errorResponses } from '../schemas.js';

function answer(values: string[]) {
  return { items: values.map((v) => route(v, shippedData)), data: dataInfo() };
}

/**
 * Which Party an IP address, CIDR range, AS number or domain falls under, from registration
 * data shipped with Accord (no look-up leaves the node, and none discloses held data).
 */
export const jurisdictionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/jurisdiction',
    {
      schema: {
        summary: 'Propose the Party whose jurisdiction values fall in',
        tags: ['jurisdiction'],
        querystring: Type.Object({
          value: Type.String({ minLength: 1, maxLength: 20_000, description: 'Comma-separated values' }),
        }),
        response: { 200: Answer, ...errorResponses(400) },
      },
    },
    async (request) =>
      answer(
        request.query.value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
          .slice(0, 1000),
      ),
  );

  app.post(
    '/jurisdiction',
    {
      schema: {
        summary: 'Propose the Party for each of many values',
        tags: ['jurisdiction'],
        body: Type.Object(
          {
            values: Type.Array(Type.String({ minLength: 1, maxLength: 2000 }), {
              minItems: 1,
              maxItems: 10_000,
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Answer, ...errorResponses(400) },
      },
    },
    async (request) => answer(request.body.values),
  );
};

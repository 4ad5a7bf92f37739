import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { importStix, refusal } from '../../node/ingest.js';
import { userOf } from '../principal.js';
import { errorResponses } from '../schemas.js';

const ReportEntry = Type.Object({
  index: Type.Integer(),
  id: Type.Union([Type.String(), Type.Null()]),
  modified: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union(
    ['created', 'unchanged', 'invalid', 'conflict', 'above-accreditation', 'skipped'].map((s) =>
      Type.Literal(s),
    ),
  ),
  errors: Type.Optional(
    Type.Array(Type.Object({ path: Type.String(), code: Type.String(), message: Type.String() })),
  ),
  warnings: Type.Optional(
    Type.Array(Type.Object({ path: Type.String(), code: Type.String(), message: Type.String() })),
  ),
});

const ImportResponse = Type.Object({
  created: Type.Integer(),
  unchanged: Type.Integer(),
  report: Type.Array(ReportEntry),
});

export const bundlesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/bundles',
    {
      schema: {
        summary: 'Import a STIX 2.1 bundle (or one object): all of it or none of it',
        description:
          'Every object is validated; if any is invalid or conflicts with a version already held, nothing is stored and the report names each object at fault with the JSON path of the problem. The objects are recorded as originated by your Party.',
        tags: ['objects'],
        body: Type.Unknown({ description: 'A STIX 2.1 bundle, or a single STIX object' }),
        response: {
          200: ImportResponse,
          201: ImportResponse,
          ...errorResponses(400, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const result = await importStix(
        app.accord,
        { party: userOf(request).party, sourceNode: app.accord.settings.nodeId },
        request.body,
      );
      if (!result.ok) throw refusal(result);
      reply.status(result.created > 0 ? 201 : 200);
      return { created: result.created, unchanged: result.unchanged, report: result.report };
    },
  );
};

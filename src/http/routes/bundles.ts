import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { importBundleStream, WORKER_FROM_BYTES } from '../../intel/import-stream.js';
import { refusal } from '../../node/ingest.js';
import { LIMITS } from '../../stix/limits.js';
import { JSON_TYPES } from '../json-types.js';
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
  warninglist: Type.Optional(
    Type.Array(Type.Object({ id: Type.String(), name: Type.String(), value: Type.String() }), {
      description: 'Values of the object on a warninglist of known-benign values; stored all the same',
    }),
  ),
});

const ImportResponse = Type.Object({
  created: Type.Integer(),
  unchanged: Type.Integer(),
  report: Type.Array(ReportEntry),
});

export const bundlesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Bundles are read as they arrive, object by object, not as one string: in this plugin
  // (and only here) a JSON body reaches the route as the request's byte stream.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(JSON_TYPES, (_request, payload, done) => done(null, payload));
  const bodyLimit = app.initialConfig.bodyLimit ?? LIMITS.bodyBytes;

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
      const result = await importBundleStream(
        app.accord,
        { party: userOf(request).party, sourceNode: app.accord.settings.nodeId },
        request.body as Readable,
        {
          what: 'the request body',
          fullReport: true,
          maxBytes: bodyLimit,
          // A large body is read and validated on a worker thread while this one writes.
          worker: Number(request.headers['content-length'] ?? 0) >= WORKER_FROM_BYTES,
        },
      );
      if (!result.ok) throw refusal(result);
      reply.status(result.created > 0 ? 201 : 200);
      return { created: result.created, unchanged: result.unchanged, report: result.report };
    },
  );
};

import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AccordError } from '../../errors.js';
import {
  compareRevisions,
  listRevisions,
  proposeChange,
  reviseDocument,
} from '../../exchange/library-drafts.js';
import { maxFileBytes, tooLarge } from '../../exchange/library-files.js';
import {
  addDocument,
  attachFile,
  getDocument,
  listDocuments,
  openFile,
} from '../../exchange/library-service.js';
import { DOCUMENT_KINDS } from '../../exchange/types/document.js';
import { attachment } from '../content-disposition.js';
import { DocumentPage, DocumentView, RevisionDiff, RevisionList } from '../contract/exchange.js';
import { errorResponses } from '../schemas.js';
import { snake } from '../snake.js';
import { ctxFrom, IdParams, lit, Paging, Party, page, position, Text, Tlp } from './exchange-schemas.js';

const File = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 255, pattern: '^[^/\\\\]+$' }),
    media_type: Type.String({ pattern: '^[a-z]+/[a-zA-Z0-9.+-]+$' }),
    content_base64: Type.String({ maxLength: 14_000_000, description: 'At most 10 MiB once decoded' }),
  },
  { additionalProperties: false },
);

/** The library of Articles 5 and 7, searchable in English and Russian. */
export const libraryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/library',
    {
      bodyLimit: 32 * 1024 * 1024,
      schema: {
        summary: 'Add a document with its files (JSON, files base64-encoded, each at most 10 MiB)',
        tags: ['library'],
        body: Type.Object(
          {
            title: Text(1000),
            language: Type.String({ pattern: '^[a-z]{2}$' }),
            kind: lit(DOCUMENT_KINDS),
            description: Type.Optional(Type.String({ maxLength: 20_000 })),
            content: Type.Optional(
              Type.String({ maxLength: 5_000_000, description: 'The text, indexed for search' }),
            ),
            tlp: Type.Optional(Tlp),
            releasable_to: Type.Optional(Type.Array(Party, { minItems: 1, maxItems: 20 })),
            files: Type.Optional(Type.Array(File, { maxItems: 20 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: DocumentView, ...errorResponses(400, 413) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const d = await addDocument(app.accord, ctxFrom(request), {
        title: b.title,
        language: b.language,
        kind: b.kind,
        ...(b.description ? { description: b.description } : {}),
        ...(b.content ? { content: b.content } : {}),
        ...(b.tlp ? { tlp: b.tlp as never } : {}),
        ...(b.releasable_to ? { releasableTo: b.releasable_to } : {}),
        files: (b.files ?? []).map((f) => ({
          filename: f.filename,
          mediaType: f.media_type,
          contentBase64: f.content_base64,
        })),
      });
      reply.status(201);
      return snake(d);
    },
  );

  app.get(
    '/library',
    {
      schema: {
        summary:
          'Documents you may see; q searches title, description and text (stemmed, English and Russian)',
        tags: ['library'],
        querystring: Type.Object({
          q: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
          language: Type.Optional(Type.String({ pattern: '^[a-z]{2}$' })),
          kind: Type.Optional(lit(DOCUMENT_KINDS)),
          ...Paging,
        }),
        response: { 200: DocumentPage, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { limit, cursor, exercise: _e, ...f } = request.query;
      return page(
        request,
        await listDocuments(app.accord, ctxFrom(request), f, limit, await position(request, cursor, f)),
        f,
        snake,
      );
    },
  );

  app.get(
    '/library/:id',
    {
      schema: {
        summary: 'One document',
        tags: ['library'],
        params: IdParams('x-accord-document'),
        response: { 200: DocumentView, ...errorResponses(404) },
      },
    },
    async (request) => snake(await getDocument(app.accord, ctxFrom(request), request.params.id)),
  );

  app.get(
    '/library/:id/files/:file',
    {
      schema: {
        summary: 'A file of a document, by its SHA-256',
        tags: ['library'],
        params: Type.Object({
          id: IdParams('x-accord-document').properties.id,
          file: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'The file’s SHA-256' }),
        }),
      },
    },
    async (request, reply) => {
      const { file, stream, size } = await openFile(
        app.accord,
        ctxFrom(request),
        request.params.id,
        request.params.file,
      );
      reply.type(file.mediaType);
      reply.header('content-length', String(size));
      reply.header('content-disposition', attachment(file.filename));
      // A file is another Party's bytes: even opened in place (HTML, SVG) nothing in it runs.
      reply.headers({
        'content-security-policy': "default-src 'none'; sandbox; frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
      });
      // Streamed from disk: a file of a few hundred MiB is never held whole in memory.
      return reply.send(stream);
    },
  );

  // The upload takes the request body as it comes, whatever its type, and streams it to disk.
  await app.register(async (plain) => {
    const raw = plain.withTypeProvider<TypeBoxTypeProvider>();
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    raw.put(
      '/library/:id/files',
      {
        schema: {
          summary:
            'Stream a file into your document (its maker, on its node): the raw bytes as the body, up to the node’s limit (256 MiB unless configured)',
          tags: ['library'],
          params: IdParams('x-accord-document'),
          querystring: Type.Object({ filename: File.properties.filename }, { additionalProperties: false }),
          response: { 200: DocumentView, ...errorResponses(400, 403, 404, 413, 415) },
        },
      },
      async (request, reply) => {
        // One refused part-way leaves the rest of its body unread: the connection closes after the answer.
        reply.header('connection', 'close');
        const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!/^[a-z]+\/[a-z0-9.+-]+$/.test(mediaType))
          throw new AccordError(
            'ACCORD_UNSUPPORTED_MEDIA_TYPE',
            'send the file with its media type as Content-Type (application/octet-stream when unknown)',
          );
        const limit = maxFileBytes();
        const declared = Number(request.headers['content-length']);
        if (Number.isFinite(declared) && declared > limit) throw tooLarge(request.query.filename, limit);
        return snake(
          await attachFile(app.accord, ctxFrom(request), request.params.id, {
            filename: request.query.filename,
            mediaType,
            body: request.body as NodeJS.ReadableStream as never,
          }),
        );
      },
    );
  });

  const Doc = IdParams('x-accord-document');
  const Body = Type.String({ maxLength: 2_000_000 });

  app.post(
    '/library/:id/revisions',
    {
      schema: {
        summary: 'Revise your draft (its maker, on its node): a new version, every earlier one kept',
        tags: ['library'],
        params: Doc,
        body: Type.Object(
          { content: Body, note: Type.Optional(Text(2000)) },
          { additionalProperties: false },
        ),
        response: { 200: DocumentView, ...errorResponses(400, 403, 404) },
      },
    },
    async (request) =>
      snake(await reviseDocument(app.accord, ctxFrom(request), request.params.id, request.body)),
  );

  app.post(
    '/library/:id/proposals',
    {
      schema: {
        summary: 'Comment on a draft or propose a text for it, on your Party’s node',
        tags: ['library'],
        params: Doc,
        body: Type.Object(
          { comment: Text(10_000), content: Type.Optional(Body) },
          { additionalProperties: false },
        ),
        response: { 200: RevisionList, ...errorResponses(400, 403, 404) },
      },
    },
    async (request) =>
      snake(await proposeChange(app.accord, ctxFrom(request), request.params.id, request.body)),
  );

  app.get(
    '/library/:id/revisions',
    {
      schema: {
        summary: 'Every revision of a document and every proposal for it, oldest first',
        tags: ['library'],
        params: Doc,
        response: { 200: RevisionList, ...errorResponses(404) },
      },
    },
    async (request) => snake(await listRevisions(app.accord, ctxFrom(request), request.params.id)),
  );

  app.get(
    '/library/:id/diff',
    {
      schema: {
        summary: 'Two revisions (v1, v2… or a proposal id) compared line by line',
        tags: ['library'],
        params: Doc,
        querystring: Type.Object(
          {
            from: Type.String({ minLength: 1, maxLength: 200 }),
            to: Type.String({ minLength: 1, maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: RevisionDiff, ...errorResponses(400, 404) },
      },
    },
    async (request) =>
      snake(
        await compareRevisions(
          app.accord,
          ctxFrom(request),
          request.params.id,
          request.query.from,
          request.query.to,
        ),
      ),
  );
};

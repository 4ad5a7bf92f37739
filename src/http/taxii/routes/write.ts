import type { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { AccordError } from '../../../errors.js';
import { storeChanged } from '../../../node/changes.js';
import { selectVersionPage } from '../../../store/taxii-query.js';
import { deleteVersions } from '../../../store/tombstones-repo.js';
import { JSON_TYPES } from '../../json-types.js';
import { userOf } from '../../principal.js';
import { canWrite, findCollection } from '../collections.js';
import { API_ROOT, type TaxiiContext } from '../context.js';
import { parseFilters } from '../filters.js';
import { isTaxiiContentType, TAXII_MEDIA_TYPE } from '../media-type.js';
import { postObjects } from '../post-objects.js';
import { visibleVersions } from '../scope.js';

const BASE = `/${API_ROOT}/collections/:collectionId`;

// Versions of one object is a handful; this only bounds a pathological one.
const MAX_VERSIONS_DELETED = 10_000;

/** Add objects (POST) and delete an object (DELETE). */
export const writeRoutes: FastifyPluginAsync<TaxiiContext> = async (app, ctx) => {
  const node = app.accord;
  // Envelopes are read as they arrive, object by object: here (and only here, in this
  // encapsulated plugin) a JSON body reaches the route as the request's byte stream, and the
  // import counts its bytes against max_content_length.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(JSON_TYPES, (_request, payload, done) => done(null, payload));

  app.post<{ Params: { collectionId: string } }>(
    `${BASE}/objects/`,
    {
      schema: { hide: true },
      bodyLimit: ctx.maxContentLength,
      // Before the body is read: a body of another type is refused unread.
      onRequest: async (request) => {
        if (!isTaxiiContentType(request.headers['content-type'])) {
          throw new AccordError(
            'ACCORD_UNSUPPORTED_MEDIA_TYPE',
            `send the envelope as Content-Type: ${TAXII_MEDIA_TYPE}, not '${request.headers['content-type'] ?? 'none'}'`,
          );
        }
      },
    },
    async (request, reply) => {
      const collection = findCollection(request.params.collectionId);
      if (!canWrite(collection, request.principal!)) {
        throw new AccordError(
          'ACCORD_FORBIDDEN',
          `collection ${collection.id} does not accept objects from you`,
        );
      }
      const body = request.body as Readable;
      const status = await postObjects(node, userOf(request).party, body, ctx.maxContentLength);
      return reply.status(202).send(status);
    },
  );

  app.delete<{ Params: { collectionId: string; objectId: string } }>(
    `${BASE}/objects/:objectId/`,
    { schema: { hide: true } },
    async (request, reply) => {
      const audience = request.audience();
      const party = userOf(request).party;
      const collection = findCollection(request.params.collectionId);
      const id = request.params.objectId.toLowerCase();
      const f = parseFilters('delete', request.query as Record<string, unknown>);
      const visible = await visibleVersions(node, audience, collection, id);
      // The caller's own copy is the one it may delete; another Party's copy it may only read.
      const originator = visible.some((v) => v.party === party) ? party : visible[0]!.party;
      if (!canWrite(collection, request.principal!) || originator !== party) {
        throw new AccordError(
          'ACCORD_FORBIDDEN',
          `only the originating Party (${originator}) may delete ${id}`,
        );
      }
      // Unlike a read, a DELETE without match[version] removes every version: the object goes.
      const versions =
        request.query && 'match[version]' in (request.query as object) ? f.versions : allVersions;
      const rows = f.specVersionOk
        ? await selectVersionPage(node.store.db, { ids: [id], versions, limit: MAX_VERSIONS_DELETED })
        : [];
      const mine = rows.filter((r) => r.party === party).map((r) => r.modified);
      if (mine.length === 0)
        throw new AccordError('ACCORD_NOT_FOUND', `no version of ${id} matches the filters`);
      await deleteVersions(node.store, {
        party,
        id,
        modified: mine,
        deletedBy: request.principal!.user.id,
      });
      // Peers learn of the deletion at once, as of any new version.
      storeChanged(node);
      return reply.status(200).send();
    },
  );
};

const allVersions = { all: true, first: false, last: false, keys: [], micros: [] };

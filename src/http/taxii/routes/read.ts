import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { userOf } from '../../principal.js';
import { sendDisclosedText } from '../../stix-reply.js';
import { type CollectionDef, collectionTypes, findCollection } from '../collections.js';
import { API_ROOT, type TaxiiContext } from '../context.js';
import { dateAddedHeaders, envelopeJson, manifestJson, type Page, versionsJson } from '../envelope.js';
import { type FilterEndpoint, parseFilters, queryKey } from '../filters.js';
import { readPage } from '../page.js';
import { visibleVersions } from '../scope.js';

type Params = { collectionId: string; objectId?: string };
type Render = (page: Page) => string;

const BASE = `/${API_ROOT}/collections/:collectionId`;

/** Manifest, objects, one object and its versions: one paging path, four renderings. */
export const readRoutes: FastifyPluginAsync<TaxiiContext> = async (app, ctx) => {
  const node = app.accord;

  async function serve(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    endpoint: FilterEndpoint,
    render: Render,
  ): Promise<FastifyReply> {
    const audience = request.audience();
    const collection: CollectionDef = findCollection(request.params.collectionId);
    // Ids are compared in lower case, the only case the door lets in.
    const objectId = request.params.objectId?.toLowerCase();
    const f = parseFilters(endpoint, request.query as Record<string, unknown>);
    if (objectId !== undefined) await visibleVersions(node, audience, collection, objectId);

    const who = userOf(request);
    // Bound to the user as well as the query: a token passed to anyone else is refused.
    const key = [queryKey(endpoint, { collection: collection.id, objectId, party: who.party }, f), who.id];
    const position = f.next === undefined ? undefined : await ctx.tokens.decode(f.next, key);
    const after = Math.max(f.addedAfter ?? -1, position ?? -1);
    const page: Page = f.specVersionOk
      ? await readPage(node, audience, {
          query: {
            ids: objectId !== undefined ? [objectId] : f.ids,
            types: collectionTypes(collection, f.types),
            versions: f.versions,
          },
          // The published definitions lead the collections that hold every type; one is
          // fetched by id from any collection (scope.ts), so no reference dangles.
          definitions:
            collection.types && objectId === undefined
              ? null
              : {
                  ...(objectId !== undefined ? { ids: [objectId] } : f.ids ? { ids: f.ids } : {}),
                  ...(f.types ? { types: f.types } : {}),
                },
          limit: f.limit,
          after: after < 0 ? undefined : after,
          token: (p) => ctx.tokens.encode(p, key),
        })
      : { items: [], more: false };
    return sendDisclosedText(reply.headers(dateAddedHeaders(page)), page.items, render(page));
  }

  const hide = { schema: { hide: true } };
  app.get<{ Params: Params }>(`${BASE}/manifest/`, hide, (req, reply) =>
    serve(req, reply, 'manifest', manifestJson),
  );
  app.get<{ Params: Params }>(`${BASE}/objects/`, hide, (req, reply) =>
    serve(req, reply, 'objects', envelopeJson),
  );
  app.get<{ Params: Params }>(`${BASE}/objects/:objectId/`, hide, (req, reply) =>
    serve(req, reply, 'object', envelopeJson),
  );
  app.get<{ Params: Params }>(`${BASE}/objects/:objectId/versions/`, hide, (req, reply) =>
    serve(req, reply, 'versions', versionsJson),
  );
};

import type { FastifyPluginAsync } from 'fastify';
import { COLLECTIONS, collectionResource, findCollection } from '../collections.js';
import { API_ROOT, type TaxiiContext } from '../context.js';

export const collectionsRoutes: FastifyPluginAsync<TaxiiContext> = async (app) => {
  app.get(`/${API_ROOT}/collections/`, { schema: { hide: true } }, async (request) => ({
    collections: COLLECTIONS.map((c) => collectionResource(c, request.principal!)),
  }));

  app.get<{ Params: { collectionId: string } }>(
    `/${API_ROOT}/collections/:collectionId/`,
    { schema: { hide: true } },
    async (request) => collectionResource(findCollection(request.params.collectionId), request.principal!),
  );
};

import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AccordError } from '../../../errors.js';
import { getTaxiiStatus } from '../../../store/taxii-status-repo.js';
import { userOf } from '../../principal.js';
import { API_ROOT, type TaxiiContext } from '../context.js';
import { TAXII_MEDIA_TYPE } from '../media-type.js';

/**
 * The absolute URL of the API root as clients reach us: clients use these URLs as they are.
 * Behind a proxy that is the configured public URL, else what the request says (with
 * X-Forwarded-Proto/-Host believed only from proxies the operator trusts).
 */
function apiRootUrl(request: FastifyRequest, prefix: string, publicUrl: string | null): string {
  const base = publicUrl ?? `${request.protocol}://${request.host}`;
  return `${base}${prefix}/${API_ROOT}/`;
}

/** Discovery, the API root, and status resources. */
export const discoveryRoutes: FastifyPluginAsync<TaxiiContext> = async (app, ctx) => {
  const node = app.accord;

  app.get('/', { schema: { hide: true } }, async (request) => {
    const root = apiRootUrl(request, app.prefix, app.publicUrl);
    return {
      title: `Accord node ${node.settings.nodeId} (${node.settings.party})`,
      description:
        'TAXII 2.1 interface of an Accord national node. What you read is what the Agreement lets your Party see.',
      default: root,
      api_roots: [root],
    };
  });

  app.get(`/${API_ROOT}/`, { schema: { hide: true } }, async () => ({
    title: 'Accord',
    description: `Objects shared under the Agreement, as held by node ${node.settings.nodeId}.`,
    versions: [TAXII_MEDIA_TYPE],
    max_content_length: ctx.maxContentLength,
  }));

  app.get<{ Params: { statusId: string } }>(
    `/${API_ROOT}/status/:statusId/`,
    { schema: { hide: true } },
    async (request, reply) => {
      // Another Party's status is answered exactly as a status that does not exist.
      const json = await getTaxiiStatus(node.store.db, userOf(request).party, request.params.statusId);
      if (json === undefined)
        throw new AccordError('ACCORD_NOT_FOUND', `no status ${request.params.statusId}`);
      return reply.send(json);
    },
  );
};

import type { FastifyPluginAsync } from 'fastify';
import { AccordError } from '../../errors.js';
import { authenticate } from '../auth.js';
import type { TaxiiContext } from './context.js';
import { taxiiErrorHandler, taxiiNotFound } from './errors.js';
import { acceptsTaxii, TAXII_MEDIA_TYPE } from './media-type.js';
import { NextTokens } from './next-token.js';
import { collectionsRoutes } from './routes/collections.js';
import { discoveryRoutes } from './routes/discovery.js';
import { readRoutes } from './routes/read.js';
import { writeRoutes } from './routes/write.js';

export interface TaxiiOptions {
  /** Largest POST body, in bytes (default 10 MiB). */
  maxContentLength?: number;
}

/**
 * The TAXII 2.1 server: discovery at the prefix (`/taxii2/`), one API root `accord/`.
 * Encapsulated, so its authentication hook, its error handler (TAXII error messages) and
 * its 404 apply to every TAXII route and to nothing else.
 */
export const taxiiPlugin: FastifyPluginAsync<TaxiiOptions> = async (app, opts) => {
  const node = app.accord;
  const ctx: TaxiiContext = {
    tokens: new NextTokens(node),
    maxContentLength: opts.maxContentLength ?? 10 * 1024 * 1024,
  };
  app.setErrorHandler(taxiiErrorHandler);
  app.setNotFoundHandler(taxiiNotFound);
  app.addHook('onRequest', async (request, reply) => {
    reply.type(TAXII_MEDIA_TYPE);
    request.principal = await authenticate(node, request);
    if (!acceptsTaxii(request.headers.accept)) {
      throw new AccordError(
        'ACCORD_NOT_ACCEPTABLE',
        `this server answers ${TAXII_MEDIA_TYPE}; the Accept header '${request.headers.accept}' does not admit it`,
      );
    }
  });
  // Exactly the media type the specification names: Fastify would otherwise rewrite it as
  // `version="2.1"; charset=utf-8`, which clients that compare parameters as text refuse.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-type', TAXII_MEDIA_TYPE);
    return payload;
  });
  await app.register(discoveryRoutes, ctx);
  await app.register(collectionsRoutes, ctx);
  await app.register(readRoutes, ctx);
  await app.register(writeRoutes, ctx);
};

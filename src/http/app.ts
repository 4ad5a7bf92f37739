import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { AccordError } from '../errors.js';
import { taxiiPlugin } from '../federation/taxii/plugin.js';
import { parseJsonBody } from '../json-text.js';
import type { Audience } from '../node/disclosure.js';
import type { AccordNode } from '../node/node.js';
import { authenticate } from './auth.js';
import { errorHandler, notFound } from './errors.js';
import type { Principal } from './principal.js';
import { agreementRoutes } from './routes/agreement.js';
import { auditRoutes } from './routes/audit.js';
import { bundlesRoutes } from './routes/bundles.js';
import { consentsRoutes } from './routes/consents.js';
import { healthRoutes } from './routes/health.js';
import { objectsRoutes } from './routes/objects.js';

declare module 'fastify' {
  interface FastifyInstance {
    accord: AccordNode;
    /** Every route the app serves, as registered: the leak test walks this list. */
    routeList: { method: string; url: string }[];
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The Party (and user) a response discloses to; 401 when nobody signed in. */
    audience(): Audience;
  }
}

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Largest accepted request body, in bytes (default 64 MiB: bundles are big). */
  bodyLimit?: number;
}

export const JSON_TYPES = ['application/json', 'application/stix+json', 'application/taxii+json'];

/** The node's HTTP interface: REST under /api/v1, health, OpenAPI and its docs. */
export async function buildApp(node: AccordNode, opts: AppOptions = {}): Promise<FastifyInstance> {
  const bodyLimit = opts.bodyLimit ?? 64 * 1024 * 1024;
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit,
    // Ajv defaults coerce query strings to the declared types; report every problem's path.
    ajv: { customOptions: { allErrors: false, coerceTypes: true, removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('accord', node);
  const routeList: { method: string; url: string }[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routeList.push({ method, url: r.url });
  });
  app.decorateRequest('principal', null);
  app.decorateRequest('audience', function audience(this: { principal: Principal | null }): Audience {
    if (!this.principal) throw new AccordError('ACCORD_UNAUTHENTICATED');
    const { user } = this.principal;
    return {
      recipient: { kind: 'party', party: user.party },
      actor: { kind: 'user', id: user.name, party: user.party },
    };
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFound);

  // Only JSON bodies: Fastify's default text/plain parser would let a stray body through as a string.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(JSON_TYPES, { parseAs: 'string', bodyLimit }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (e) {
      done(e as Error, undefined);
    }
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Accord node API',
        version: '1',
        description:
          'REST interface of an Accord national node. Authenticate with `Authorization: Bearer TOKEN` (make one with `accord token create`). Every response discloses only what the policy lets your Party see.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(healthRoutes);
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      // Registered once here so that every route of the API inherits it and none can forget.
      api.addHook('onRequest', async (request) => {
        request.principal = await authenticate(node, request);
      });
      await api.register(objectsRoutes);
      await api.register(bundlesRoutes);
      await api.register(agreementRoutes);
      await api.register(consentsRoutes);
      await api.register(auditRoutes);
    },
    { prefix: '/api/v1' },
  );
  await app.register(taxiiPlugin, { prefix: '/taxii2' });
  return app;
}

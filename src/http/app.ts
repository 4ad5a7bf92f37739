import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { AccordError } from '../errors.js';
import type { SmtpSettings } from '../exchange/alerts/smtp-settings.js';
import { federationPlugin } from '../federation/peering/routes.js';
import { FEDERATION_PREFIX } from '../federation/peering/wire.js';
import type { Audience } from '../node/disclosure.js';
import type { AccordNode } from '../node/node.js';
import { parseJsonBody } from '../stix/json-text.js';
import { LIMITS } from '../stix/limits.js';
import { authenticate } from './auth.js';
import { mountConsole } from './console.js';
import { errorHandler, notFound } from './errors.js';
import { exerciseOfRequest } from './exercise-context.js';
import { installFairScheduling } from './fair-queue.js';
import { clientErrorHandler, frameworkErrors, refuseLongUrl } from './framework-errors.js';
import { DOCS_PREFIX, protectPages } from './page-headers.js';
import type { Principal } from './principal.js';
import { parsePublicUrl, type TrustProxy } from './public-address.js';
import { agreementRoutes } from './routes/agreement.js';
import { alertsRoutes } from './routes/alerts.js';
import { attackRoutes } from './routes/attack.js';
import { auditRoutes } from './routes/audit.js';
import { bundlesRoutes } from './routes/bundles.js';
import { consentsRoutes } from './routes/consents.js';
import { exchangeRoutes } from './routes/exchange.js';
import { feedDefinitionsRoutes, feedsPlugin } from './routes/feeds.js';
import { healthRoutes } from './routes/health.js';
import { lookupRoutes } from './routes/lookup.js';
import { objectsRoutes } from './routes/objects.js';
import { peersRoutes } from './routes/peers.js';
import { sessionRoutes } from './routes/session.js';
import { sightingsRoutes } from './routes/sightings.js';
import { statsRoutes } from './routes/stats.js';
import { tokensRoutes } from './routes/tokens.js';
import { userEmailRoutes } from './routes/user-email.js';
import { usersRoutes } from './routes/users.js';
import { visitsRoutes } from './routes/visits.js';
import { guardStixReplies } from './stix-reply.js';
import { taxiiPlugin } from './taxii/plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    accord: AccordNode;
    /** Every route the app serves, as registered: the leak test walks this list. */
    routeList: { method: string; url: string }[];
    /** The node's public base URL behind a proxy (no trailing slash), or null: from the request. */
    publicUrl: string | null;
    /** Where mail the node sends on request goes out (address confirmations); null: none. */
    smtp: SmtpSettings | null;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The Party (and user) a response discloses to; 401 when nobody signed in. */
    audience(): Audience;
    /** The exercise the request is made in (header X-Accord-Exercise); null for the real world. */
    exercise: string | null;
  }
}

/** What a request's audience is made of: who signed in, and the exercise it is made in. */
type AudienceSource = { principal: Principal | null; exercise: string | null };

export interface AppOptions {
  /** Largest accepted request body, in bytes (default LIMITS.bodyBytes, 64 MiB: bundles are big). */
  bodyLimit?: number;
  /** Session cookies marked Secure: always, never, or (absent) when the request came over https. */
  secureCookies?: boolean;
  /** The built console to serve at `/` (default web/dist); false serves none. */
  webRoot?: string | false;
  /** Which proxies' X-Forwarded-Proto/-Host/-For to believe (docs/operators.md); default none. */
  trustProxy?: TrustProxy;
  /** The URL clients use to reach this node, when a proxy stands in front (ACCORD_PUBLIC_URL). */
  publicUrl?: string;
  /** The SMTP relay (ACCORD_SMTP_*), for the codes that confirm users' e-mail addresses. */
  smtp?: SmtpSettings | null;
}

export { JSON_TYPES } from './json-types.js';

import { JSON_TYPES } from './json-types.js';

/** The node's HTTP interface: REST under /api/v1, health, OpenAPI and its docs. */
export async function buildApp(node: AccordNode, opts: AppOptions = {}): Promise<FastifyInstance> {
  const bodyLimit = opts.bodyLimit ?? LIMITS.bodyBytes;
  const app = Fastify({
    // One logger for the node and its server: a request's failure and a push's read alike.
    loggerInstance: node.log as FastifyBaseLogger,
    bodyLimit,
    // Plugins load once at start; a node starting on a busy machine (six demo nodes on two
    // cores, a host under load) must not fail because swagger-ui took more than 10 s.
    pluginTimeout: 120_000,
    trustProxy: opts.trustProxy ?? false,
    // Errors before a route runs answer in the catalogue's shape too (framework-errors.ts).
    clientErrorHandler,
    frameworkErrors,
    // Ajv defaults coerce query strings to the declared types; report every problem's path.
    ajv: { customOptions: { allErrors: false, coerceTypes: true, removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('accord', node);
  app.decorate('publicUrl', opts.publicUrl ? parsePublicUrl(opts.publicUrl) : null);
  app.decorate('smtp', opts.smtp ?? null);
  const routeList: { method: string; url: string }[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routeList.push({ method, url: r.url });
  });
  app.decorateRequest('principal', null);
  app.decorateRequest('exercise', null);
  app.decorateRequest('audience', function audience(this: AudienceSource): Audience {
    if (!this.principal) throw new AccordError('ACCORD_UNAUTHENTICATED');
    const { user } = this.principal;
    return {
      recipient: { kind: 'party', party: user.party },
      actor: { kind: 'user', id: user.name, party: user.party },
      exercise: this.exercise,
    };
  });
  app.setErrorHandler(errorHandler);
  protectPages(app);
  installFairScheduling(app);
  // Before any route: every reply that carries STIX must carry what the gate made.
  guardStixReplies(app);
  app.addHook('onRequest', refuseLongUrl);
  // The console answers GETs of its own pages; everything else unknown is the API's 404.
  app.setNotFoundHandler(opts.webRoot === false ? notFound : await mountConsole(app, notFound, opts.webRoot));

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
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });

  await app.register(healthRoutes);
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Outside the API's authentication hook: signing in is how a person gets a session.
  await app.register(sessionRoutes, {
    prefix: '/api/v1',
    ...(opts.secureCookies !== undefined ? { secureCookies: opts.secureCookies } : {}),
  });
  await app.register(
    async (api) => {
      // Registered once here so that every route of the API inherits it and none can forget.
      api.addHook('onRequest', async (request) => {
        request.principal = await authenticate(node, request);
        // Exercise data is seen only inside its exercise: every route reads in this context.
        request.exercise = await exerciseOfRequest(node, request);
      });
      await api.register(objectsRoutes);
      await api.register(bundlesRoutes);
      await api.register(agreementRoutes);
      await api.register(consentsRoutes);
      await api.register(auditRoutes);
      // Administration: users, tokens and peers. They disclose no STIX object.
      await api.register(usersRoutes);
      await api.register(tokensRoutes);
      await api.register(peersRoutes);
      await api.register(exchangeRoutes);
      await api.register(statsRoutes);
      await api.register(visitsRoutes);
      await api.register(lookupRoutes);
      await api.register(sightingsRoutes);
      await api.register(attackRoutes);
      await api.register(alertsRoutes);
      await api.register(userEmailRoutes);
      await api.register(feedDefinitionsRoutes);
    },
    { prefix: '/api/v1' },
  );
  await app.register(taxiiPlugin, { prefix: '/taxii2' });
  await app.register(feedsPlugin, { prefix: '/feeds' });
  // Peers only: every request is signed by a member node's pinned key (docs/federation.md).
  await app.register(federationPlugin, { prefix: FEDERATION_PREFIX });
  return app;
}

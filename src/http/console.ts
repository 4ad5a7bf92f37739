import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build:web` puts the console. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

// Paths that belong to the node's interfaces: never answered with the console's page.
const RESERVED = /^\/(api|taxii2|feeds|healthz|readyz)(\/|$|\?)/;

// The console loads only its own files and talks only to this node.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const SECURE_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

function secureHeaders(reply: FastifyReply): void {
  reply.headers(SECURE_HEADERS);
}

const MISSING = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Accord console not built</title>
<body style="font:18px system-ui;background:#111;color:#eee;padding:3em">
<h1>The console has not been built</h1>
<p>Run <code>npm run build:web</code> in the Accord directory, then restart the node.
The REST API (<a style="color:#9cf" href="/api/docs">/api/docs</a>) works without it.</p>
<p lang="ru">Консоль не собрана: выполните <code>npm run build:web</code> и перезапустите узел.</p>`;

export type NotFound = (request: FastifyRequest, reply: FastifyReply) => unknown;

/**
 * Serves the console (web/dist) at `/`. Files are registered one route each at start-up
 * (no wildcard route, which would swallow the 404s of the API and TAXII scopes); any other
 * GET outside the node's interfaces is a page of the single-page application and gets
 * index.html. Returns the not-found handler to install at the root.
 */
export async function mountConsole(
  app: FastifyInstance,
  fallback: NotFound,
  root: string = WEB_DIST,
): Promise<NotFound> {
  const built = existsSync(join(root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: 'index.html',
      // Vite puts a content hash in every asset's name: those never change.
      setHeaders: (res, path) => {
        for (const [name, value] of Object.entries(SECURE_HEADERS)) res.setHeader(name, value);
        res.setHeader(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  return (request, reply) => {
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !RESERVED.test(request.url);
    if (!isPage || /\.[A-Za-z0-9]+$/.test(request.url.split('?')[0]!)) return fallback(request, reply);
    if (!built) return reply.status(503).type('text/html; charset=utf-8').send(MISSING);
    secureHeaders(reply);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  };
}

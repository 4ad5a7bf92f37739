// Headers for every page a browser may render: the API docs (swagger-ui) get a strict Content
// Security Policy that still lets them run, and every HTML answer, whoever made it, refuses to
// be framed (clickjacking) and to be sniffed into another type. The console sets its own
// stricter policy (console.ts); this only fills in what an answer lacks.

import type { FastifyInstance } from 'fastify';

export const DOCS_PREFIX = '/api/docs';

// swagger-ui loads its own scripts and styles from this node and fetches the OpenAPI document
// from it; React sets style attributes, hence 'unsafe-inline' for styles only (no script may
// be inline). Its logo is a data: image.
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

// Any other HTML (an error page, a library file of type text/html): nothing runs, nothing frames it.
const HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const ALWAYS = { 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff' };

/** Installs the hook; call it before routes are registered so that every route inherits it. */
export function protectPages(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    const docs = request.url === DOCS_PREFIX || request.url.startsWith(`${DOCS_PREFIX}/`);
    const type = String(reply.getHeader('content-type') ?? '');
    if (!docs && !type.startsWith('text/html')) return;
    reply.headers(ALWAYS);
    if (docs) reply.headers({ 'content-security-policy': DOCS_CSP, 'referrer-policy': 'no-referrer' });
    else if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', HTML_CSP);
  });
}

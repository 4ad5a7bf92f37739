import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../audit/log.js';
import { AccordError } from '../../errors.js';
import { verifyPassword } from '../../node/passwords.js';
import {
  createSession,
  csrfTokenOf,
  deleteSession,
  findUserWithPassword,
  purgeExpiredSessions,
  SESSION_MAX_MS,
  type User,
} from '../../store/index.js';
import { authenticate } from '../auth.js';
import { SessionInfo } from '../contract/admin.js';
import { sessionCookie } from '../cookies.js';
import { DEFAULT_LIMITS, type LimiterOptions, LoginLimiter } from '../login-limiter.js';
import { errorResponses } from '../schemas.js';

export interface SessionRoutesOptions {
  /** Mark the cookie Secure: always (true), never (false), or when the request came over https. */
  secureCookies?: boolean;
  loginLimits?: LimiterOptions;
}

const userJson = (u: User) => ({ name: u.name, party: u.party, role: u.role });

/**
 * Sign-in for people (the console): a session in an HttpOnly, SameSite=Strict cookie.
 * Registered outside the API's authentication hook, since signing in is how one gets a session.
 */
export const sessionRoutes: FastifyPluginAsyncTypebox<SessionRoutesOptions> = async (app, opts) => {
  const node = app.accord;
  const limiter = new LoginLimiter(node.store.db, opts.loginLimits ?? DEFAULT_LIMITS);
  const secure = (request: FastifyRequest) => opts.secureCookies ?? request.protocol === 'https';

  app.post(
    '/session',
    {
      schema: {
        summary: 'Sign in with a user name and password (the console); sets the session cookie',
        description:
          'Machines use tokens instead. Repeated failures from one address are refused with 429 for a while.',
        tags: ['session'],
        security: [],
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 64 }),
            password: Type.String({ minLength: 1, maxLength: 1024 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: SessionInfo, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { name, password } = request.body;
      const address = request.ip;
      const wait = await limiter.retryAfter(name, address);
      if (wait > 0) {
        reply.header('Retry-After', String(wait));
        throw new AccordError(
          'ACCORD_RATE_LIMITED',
          `too many failed sign-ins: try again in ${Math.ceil(wait / 60)} min`,
          { retry_after: wait },
        );
      }
      const found = await findUserWithPassword(node.store.db, name);
      const ok = await verifyPassword(password, found?.passwordHash);
      const at = new Date().toISOString();
      if (!found || !ok || found.user.disabled) {
        await limiter.fail(name, address);
        const reason = !found
          ? 'unknown-user'
          : !found.passwordHash
            ? 'no-password'
            : ok
              ? 'disabled'
              : 'wrong-password';
        await recordAudit(node, [
          {
            at,
            actor: { kind: 'user', id: name, ...(found ? { party: found.user.party } : {}) },
            action: 'login.failed',
            details: { address, reason },
          },
        ]);
        // One answer for every cause, so that it does not tell which user names exist.
        throw new AccordError('ACCORD_UNAUTHENTICATED', 'the user name or password is wrong');
      }
      await limiter.succeed(name, address);
      const { user } = found;
      // Sign-in is rare, so it is also when expired sessions are cleared away.
      await purgeExpiredSessions(node.store.db);
      const { id } = await createSession(node.store.db, user);
      await recordAudit(node, [
        {
          at,
          actor: { kind: 'user', id: user.name, party: user.party },
          action: 'login',
          details: { address },
        },
      ]);
      reply.header(
        'set-cookie',
        sessionCookie(id, { secure: secure(request), maxAge: Math.floor(SESSION_MAX_MS / 1000) }),
      );
      return { user: userJson(user), node_party: node.settings.party, csrf_token: csrfTokenOf(id) };
    },
  );

  app.get(
    '/session',
    {
      schema: {
        summary: 'Who is signed in, and the CSRF token of the session',
        tags: ['session'],
        response: { 200: SessionInfo, ...errorResponses(401) },
      },
    },
    async (request) => {
      const principal = await authenticate(node, request);
      if (principal.via !== 'session') {
        throw new AccordError('ACCORD_BAD_REQUEST', 'this request carries a token, not a console session');
      }
      return {
        user: userJson(principal.user),
        node_party: node.settings.party,
        csrf_token: principal.csrfToken,
      };
    },
  );

  app.delete(
    '/session',
    {
      schema: {
        summary: 'Sign out: ends the session and clears the cookie',
        tags: ['session'],
        response: { 204: Type.Null(), ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const principal = await authenticate(node, request);
      if (principal.via === 'session') {
        await deleteSession(node.store.db, principal.sessionId);
        await recordAudit(node, [
          {
            at: new Date().toISOString(),
            actor: { kind: 'user', id: principal.user.name, party: principal.user.party },
            action: 'logout',
          },
        ]);
      }
      reply.header('set-cookie', sessionCookie('', { secure: secure(request), maxAge: 0 }));
      return reply.status(204).send(null);
    },
  );
};

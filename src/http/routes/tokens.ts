import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { issueToken, revokeTokenAs, visibleTokens } from '../../node/accounts.js';
import type { TokenRecord } from '../../store/index.js';
import { ApiToken, TokenFields, TokenList } from '../contract/admin.js';
import { userOf } from '../principal.js';
import { errorResponses } from '../schemas.js';

/** Never the secret, nor its hash: the secret exists only in the answer that made it. */
const tokenJson = (t: TokenRecord) => ({
  id: t.id,
  name: t.name,
  user: t.userName,
  user_id: t.userId,
  scope: t.scope,
  created_at: t.createdAt,
  last_used_at: t.lastUsedAt,
  revoked_at: t.revokedAt,
});

/**
 * API tokens. An administrator manages the tokens of their Party's users (src/node/accounts.ts
 * says how far); anyone else lists, makes and revokes their own, so that a script of theirs
 * acts with their rights and no more.
 */
export const tokensRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/tokens',
    {
      schema: {
        summary:
          'Tokens, revoked ones too: those of the users an administrator sees (GET /users), your own for anyone else',
        tags: ['administration'],
        querystring: Type.Object({
          user: Type.Optional(Type.String({ maxLength: 64, description: 'Only the tokens of this user' })),
        }),
        response: { 200: TokenList, ...errorResponses(400) },
      },
    },
    async (request) => ({
      items: (await visibleTokens(app.accord, userOf(request), request.query.user)).map(tokenJson),
    }),
  );

  app.post(
    '/tokens',
    {
      schema: {
        summary: 'Make a token; its secret is in this answer only',
        description:
          "Without `user`, the token is yours. Only an administrator of the user's Party makes a token for another user; a user the administrator may not see is answered 404. Keep `token`: the node stores only its SHA-256 and cannot show it again.",
        tags: ['administration'],
        body: Type.Object(
          {
            user: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Default: you' })),
            name: Type.String({ minLength: 1, maxLength: 100, description: 'What the token is for' }),
            scope: Type.Optional(
              Type.Union([Type.Literal('all'), Type.Literal('feeds')], {
                description: 'Default "all"; "feeds" makes a token that reads /feeds/… only',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object(
            { ...TokenFields, token: Type.String({ description: 'The secret, shown this once' }) },
            { additionalProperties: false },
          ),
          ...errorResponses(400, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { token, record } = await issueToken(app.accord, userOf(request), request.body);
      reply.status(201);
      return { ...tokenJson(record), token };
    },
  );

  app.delete(
    '/tokens/:id',
    {
      schema: {
        summary:
          'Revoke a token: it stops working at once (yours, or as an administrator one of a user you see)',
        tags: ['administration'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: ApiToken, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => tokenJson(await revokeTokenAs(app.accord, userOf(request), request.params.id)),
  );
};

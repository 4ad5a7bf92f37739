import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { changeAccount, createAccount, isForeign, visibleUsers } from '../../node/accounts.js';
import type { AccordNode } from '../../node/node.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../node/passwords.js';
import type { User } from '../../store/index.js';
import { AdminUser, Role, UserList } from '../contract/admin.js';
import { userOf } from '../principal.js';
import { requireRole } from '../roles.js';
import { errorResponses } from '../schemas.js';

export const RoleSchema = Role;

const Password = Type.String({
  minLength: MIN_PASSWORD_LENGTH,
  maxLength: MAX_PASSWORD_LENGTH,
  description: `The console password, ${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} characters; stored as a salted scrypt hash`,
});

/** Never the password hash: it is not even read. */
export const userJson = (node: AccordNode, u: User): AdminUser => ({
  id: u.id,
  name: u.name,
  role: u.role,
  party: u.party,
  foreign_party: isForeign(node, u),
  created_at: u.createdAt,
  disabled: u.disabled,
});

/**
 * The node's users, for administrators: each sees the users of their own Party, and those of
 * the node's Party also see (and may disable) users of other Parties kept on the node.
 */
export const usersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Before the body is validated: someone who may not manage users learns nothing of the shapes.
  app.addHook('preValidation', async (request) => {
    requireRole(request, 'admin');
  });

  app.get(
    '/users',
    {
      schema: {
        summary:
          "Users of your Party on this node, by name; the node's Party's administrators see all (administrators)",
        tags: ['administration'],
        response: { 200: UserList, ...errorResponses(403) },
      },
    },
    async (request) => ({
      items: (await visibleUsers(app.accord, userOf(request))).map((u) => userJson(app.accord, u)),
    }),
  );

  app.post(
    '/users',
    {
      schema: {
        summary:
          "Add a user of the node's Party with a role and a console password (administrators of the node's Party)",
        tags: ['administration'],
        body: Type.Object(
          {
            name: Type.String({
              pattern: '^[A-Za-z0-9._@-]{1,64}$',
              description: '1–64 letters, digits or . _ @ -',
            }),
            role: RoleSchema,
            password: Password,
          },
          { additionalProperties: false },
        ),
        response: { 201: AdminUser, ...errorResponses(400, 403, 409) },
      },
    },
    async (request, reply) => {
      const user = await createAccount(app.accord, userOf(request), request.body);
      reply.status(201);
      return userJson(app.accord, user);
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        summary: 'Change a role, disable or enable a user, or set a new password (administrators)',
        description:
          "Disabling ends the user's sessions and revokes their tokens; a new password ends their sessions. You cannot disable yourself or give up your own admin role. A user of another Party is answered as missing, except to the node's Party's administrators, who may disable or enable them but not change their role or password.",
        tags: ['administration'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object(
          {
            role: Type.Optional(RoleSchema),
            disabled: Type.Optional(Type.Boolean()),
            password: Type.Optional(Password),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: AdminUser, ...errorResponses(400, 403, 404, 409) },
      },
    },
    async (request) =>
      userJson(app.accord, await changeAccount(app.accord, userOf(request), request.params.id, request.body)),
  );
};

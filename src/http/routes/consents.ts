import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AccordError } from '../../errors.js';
import { askConsent, decideConsent, listConsents, visibleConsent } from '../../exchange/consent-service.js';
import type { Consent } from '../../policy/index.js';
import { ConsentList, ConsentView } from '../contract/consents.js';
import { userOf } from '../principal.js';
import { requireRole } from '../roles.js';
import { errorResponses, StixIdParam } from '../schemas.js';

const SNAKE: Record<string, string> = {
  objectIds: 'object_ids',
  validUntil: 'valid_until',
  requestedAt: 'requested_at',
  requestedBy: 'requested_by',
  grantedAt: 'granted_at',
  grantedBy: 'granted_by',
  refusedAt: 'refused_at',
  refusedBy: 'refused_by',
  refusalReason: 'refusal_reason',
  withdrawnAt: 'withdrawn_at',
  withdrawnBy: 'withdrawn_by',
};

/** The API speaks snake_case, as STIX does. */
function consentJson(c: Consent): ConsentView {
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [SNAKE[k] ?? k, v])) as ConsentView;
}

const Recipient = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('third-party'),
      id: Type.String({ minLength: 1, maxLength: 200 }),
      name: Type.Optional(Type.String({ maxLength: 200 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('party'), party: Type.String({ pattern: '^[A-Z]{2}$' }) },
    { additionalProperties: false },
  ),
]);

const AskBody = Type.Object(
  {
    object_ids: Type.Array(StixIdParam, { minItems: 1, maxItems: 1000 }),
    recipient: Recipient,
    purpose: Type.String({ minLength: 1, maxLength: 2000 }),
    valid_until: Type.String({
      format: 'date',
      description: 'Last day the consent may be relied on (YYYY-MM-DD)',
    }),
  },
  { additionalProperties: false },
);

const IdParams = Type.Object({ id: Type.String({ pattern: '^x-accord-consent--[0-9a-f-]{36}$' }) });

/**
 * Written consent of the originating Party to pass its information to a third party
 * (Article 10). Liaison officers ask and decide; every step is in the audit log.
 */
export const consentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/consents',
    {
      schema: {
        summary: 'Consents your Party asked for, and those it must decide',
        tags: ['consents'],
        response: { 200: ConsentList, ...errorResponses() },
      },
    },
    async (request) => ({ items: (await listConsents(app.accord, userOf(request).party)).map(consentJson) }),
  );

  app.post(
    '/consents',
    {
      schema: {
        summary: "Ask the originating Party's consent to pass objects to a third party",
        tags: ['consents'],
        body: AskBody,
        response: { 201: ConsentView, ...errorResponses(400, 403, 404) },
      },
    },
    async (request, reply) => {
      const { user } = requireRole(request, 'liaison', 'admin');
      const b = request.body;
      const consent = await askConsent(app.accord, user, {
        objectIds: b.object_ids,
        recipient: b.recipient,
        purpose: b.purpose,
        validUntil: b.valid_until,
      });
      reply.status(201);
      return consentJson(consent);
    },
  );

  app.get(
    '/consents/:id',
    {
      schema: {
        summary: 'One consent request and its decision',
        tags: ['consents'],
        params: IdParams,
        response: { 200: ConsentView, ...errorResponses(404) },
      },
    },
    async (request) =>
      consentJson(await visibleConsent(app.accord, userOf(request).party, request.params.id)),
  );

  for (const action of ['grant', 'refuse', 'withdraw'] as const) {
    app.post(
      `/consents/:id/${action}`,
      {
        schema: {
          summary: `${action[0]!.toUpperCase()}${action.slice(1)} a consent (a liaison officer of the originating Party)`,
          tags: ['consents'],
          params: IdParams,
          description: action === 'refuse' ? 'Optional JSON body: {"reason": "…"}' : 'No body needed.',
          response: { 200: ConsentView, ...errorResponses(403, 404, 409) },
        },
      },
      async (request) => {
        // The body is optional (a bare POST grants or withdraws), so it is read by hand.
        const raw = (request.body as { reason?: unknown } | null | undefined)?.reason;
        if (raw !== undefined && (typeof raw !== 'string' || raw.length > 2000)) {
          throw new AccordError('ACCORD_VALIDATION', '$.reason must be a string of at most 2000 characters');
        }
        const reason = raw as string | undefined;
        const d = action === 'refuse' ? { type: action, ...(reason ? { reason } : {}) } : { type: action };
        return consentJson(await decideConsent(app.accord, userOf(request), request.params.id, d));
      },
    );
  }
};

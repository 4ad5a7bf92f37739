import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AccordError } from '../../errors.js';
import { ALERT_EVENTS } from '../../exchange/alerts/alert-events.js';
import { emailAddressProblem } from '../../exchange/alerts/smtp-settings.js';
import {
  type AlertDeliveryRow,
  type AlertSubscriptionRow,
  addAlertSubscription,
  confirmedEmailOf,
  deleteAlertSubscription,
  getAlertSubscription,
  listAlertDeliveries,
  listAlertSubscriptions,
  ROLES,
} from '../../store/index.js';
import {
  type ALERT_EVENT_NAMES,
  AlertDeliveryList,
  AlertSubscribed,
  AlertSubscriptionList,
} from '../contract/alerts.js';
import { userOf } from '../principal.js';
import { errorResponses } from '../schemas.js';

const EventName = Type.Unsafe<(typeof ALERT_EVENTS)[number]>({ type: 'string', enum: [...ALERT_EVENTS] });
// The contract's copy of the event names must be the service's list, member for member.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const eventNamesAgree: Same<(typeof ALERT_EVENTS)[number], (typeof ALERT_EVENT_NAMES)[number]> = true;
void eventNamesAgree;
const subscriptionJson = (s: AlertSubscriptionRow) => ({
  id: s.id,
  party: s.party,
  user: s.user_name,
  role: s.role,
  events: JSON.parse(s.events) as (typeof ALERT_EVENTS)[number][],
  channel: s.channel as 'webhook' | 'email',
  ...(s.channel === 'email' ? { email: s.target } : { url: s.target }),
  created_by: s.created_by,
  created_at: s.created_at,
});

const deliveryJson = (d: AlertDeliveryRow) => ({
  id: d.id,
  subscription: d.subscription_id,
  event: d.event,
  object_id: d.object_id,
  status: d.status as 'pending' | 'delivered' | 'failed',
  attempts: d.attempts,
  next_attempt_at: d.next_attempt_at,
  last_status: d.last_status,
  last_error: d.last_error,
  created_at: d.created_at,
  delivered_at: d.delivered_at,
});

function invalid(path: string, message: string): never {
  throw new AccordError('ACCORD_VALIDATION', `${path} ${message}`, [{ path, message }]);
}

/** An http(s) URL with a host and no credentials in it (a secret belongs in the signature). */
export function webhookUrlProblem(text: string): string | null {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return 'must be an absolute http:// or https:// URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    return `must be http:// or https://, not ${u.protocol}//`;
  if (u.username || u.password) return 'must not carry a user name or password';
  if (!u.hostname) return 'must name a host';
  return null;
}

/**
 * Alert subscriptions and their delivery log. Anyone subscribes themselves; an administrator
 * also subscribes a role of their Party and reads the Party's whole delivery log.
 */
export const alertsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/alerts/subscriptions',
    {
      schema: {
        summary: 'Your alert subscriptions; an administrator sees every one of their Party',
        tags: ['alerts'],
        response: { 200: AlertSubscriptionList },
      },
    },
    async (request) => {
      const user = userOf(request);
      const rows = await listAlertSubscriptions(
        app.accord.store.db,
        user.party,
        user.role === 'admin' ? undefined : user.name,
      );
      return { items: rows.map(subscriptionJson) };
    },
  );

  app.post(
    '/alerts/subscriptions',
    {
      schema: {
        summary:
          'Subscribe a webhook or an e-mail address to alerts; a webhook’s signing secret is in this answer only',
        tags: ['alerts'],
        body: Type.Object(
          {
            events: Type.Array(EventName, { minItems: 1, maxItems: ALERT_EVENTS.length, uniqueItems: true }),
            url: Type.Optional(
              Type.String({ minLength: 1, maxLength: 2000, description: 'http:// or https://; or `email`' }),
            ),
            email: Type.Optional(
              Type.String({ minLength: 3, maxLength: 254, description: 'An e-mail address; or `url`' }),
            ),
            role: Type.Optional(
              Type.Unsafe<string>({
                type: 'string',
                enum: [...ROLES],
                description: 'Administrators only: every user of this role of your Party',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          201: AlertSubscribed,
          ...errorResponses(400, 403),
        },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const { events, url, email, role } = request.body;
      if ((url === undefined) === (email === undefined))
        invalid('$body', 'must have exactly one of url (a webhook) and email (an address)');
      const problem = url !== undefined ? webhookUrlProblem(url) : emailAddressProblem(email!);
      if (problem) invalid(url !== undefined ? '$body.url' : '$body.email', problem);
      if (role !== undefined && user.role !== 'admin')
        throw new AccordError('ACCORD_FORBIDDEN', 'only an administrator subscribes a role');
      // Mail goes only to an address its subscriber has shown to be theirs.
      if (email !== undefined && (await confirmedEmailOf(app.accord.store.db, user.name)) !== email)
        invalid(
          '$body.email',
          'is not your confirmed address: give it with PUT /api/v1/me/email and enter the code sent to it',
        );
      const secret = url !== undefined ? randomBytes(32).toString('base64url') : null;
      const row: AlertSubscriptionRow = {
        id: `alert-sub--${randomUUID()}`,
        party: user.party,
        user_name: role === undefined ? user.name : null,
        role: role ?? null,
        events: JSON.stringify(events),
        channel: url !== undefined ? 'webhook' : 'email',
        target: url ?? email!,
        secret,
        created_by: user.name,
        created_at: new Date().toISOString(),
      };
      await addAlertSubscription(app.accord.store.db, row);
      reply.code(201);
      return { subscription: subscriptionJson(row), ...(secret ? { secret } : {}) };
    },
  );

  app.delete(
    '/alerts/subscriptions/:id',
    {
      schema: {
        summary: 'Stop a subscription: yours, or any of your Party’s as its administrator',
        tags: ['alerts'],
        params: Type.Object({ id: Type.String({ pattern: '^alert-sub--[0-9a-f-]{36}$' }) }),
        response: { 204: Type.Null(), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const s = await getAlertSubscription(app.accord.store.db, request.params.id);
      const mine = s && s.party === user.party && (user.role === 'admin' || s.user_name === user.name);
      if (!s || !mine) throw new AccordError('ACCORD_NOT_FOUND', `no subscription ${request.params.id}`);
      await deleteAlertSubscription(app.accord.store.db, s.id);
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/alerts/deliveries',
    {
      schema: {
        summary:
          'The delivery log: each alert, its attempts and the receiver’s last answer — your own, or your Party’s for an administrator',
        tags: ['alerts'],
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }) }),
        response: { 200: AlertDeliveryList },
      },
    },
    async (request) => {
      const user = userOf(request);
      const db = app.accord.store.db;
      const own =
        user.role === 'admin'
          ? undefined
          : (await listAlertSubscriptions(db, user.party, user.name)).map((s) => s.id);
      const rows = await listAlertDeliveries(db, user.party, {
        limit: request.query.limit,
        ...(own ? { subscriptionIds: own } : {}),
      });
      return { items: rows.map(deliveryJson) };
    },
  );
};

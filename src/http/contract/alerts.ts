// Alert subscriptions and their delivery log, as the API answers them (docs/alerts.md).

import { type Static, Type } from '@sinclair/typebox';
import { ListOf, Nullable, oneOf } from './common.js';

/**
 * The events a subscription names. Written out here rather than imported, since the console's
 * type check cannot load the exchange modules; routes/alerts.ts fails to compile if the
 * service's list and this one differ.
 */
export const ALERT_EVENT_NAMES = [
  'critical-notification',
  'request-received',
  'deadline',
  'consent-asked',
] as const;

export const AlertSubscription = Type.Object({
  id: Type.String(),
  party: Type.String(),
  user: Nullable(Type.String({ description: 'The user it is for; null for a role' })),
  role: Nullable(Type.String({ description: 'Every user of this role of the Party' })),
  events: Type.Array(oneOf(ALERT_EVENT_NAMES)),
  channel: oneOf(['webhook', 'email'] as const),
  url: Type.Optional(Type.String({ description: 'The webhook called (channel `webhook`)' })),
  email: Type.Optional(Type.String({ description: 'The address written to (channel `email`)' })),
  created_by: Type.String(),
  created_at: Type.String(),
});

export const AlertDelivery = Type.Object({
  id: Type.String(),
  subscription: Type.String(),
  event: Type.String(),
  object_id: Type.String(),
  status: oneOf(['pending', 'delivered', 'failed'] as const),
  attempts: Type.Integer(),
  next_attempt_at: Type.String(),
  last_status: Nullable(Type.Integer()),
  last_error: Nullable(Type.String()),
  created_at: Type.String(),
  delivered_at: Nullable(Type.String()),
});

export const AlertSubscriptionList = ListOf(AlertSubscription);
export const AlertDeliveryList = ListOf(AlertDelivery);
export const AlertSubscribed = Type.Object({
  subscription: AlertSubscription,
  secret: Type.Optional(Type.String({ description: 'The webhook’s HMAC key; none for e-mail' })),
});

/** The caller's own address for e-mail alerts, and whether they proved it is theirs. */
export const EmailState = Type.Object({
  email: Type.Union([Type.String(), Type.Null()], { description: 'Your address; null: none given' }),
  confirmed: Type.Boolean({ description: 'Whether you confirmed it with the code sent to it' }),
  confirmed_at: Type.Union([Type.String(), Type.Null()]),
  code_expires_at: Type.Union([Type.String(), Type.Null()], {
    description: 'While a code awaits confirmation: when it stops being good',
  }),
});

export type AlertSubscription = Static<typeof AlertSubscription>;
export type AlertDelivery = Static<typeof AlertDelivery>;
export type AlertSubscriptionList = Static<typeof AlertSubscriptionList>;
export type AlertDeliveryList = Static<typeof AlertDeliveryList>;
export type AlertSubscribed = Static<typeof AlertSubscribed>;
export type EmailState = Static<typeof EmailState>;

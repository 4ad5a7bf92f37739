// x-accord-notification (Article 7): a Party tells others of a threat, an incident or a
// response measure; x-accord-acknowledgement is a recipient's receipt of it.

import type { TlpLevel } from '../../policy/index.js';
import { declareAccordType } from './accord-type.js';
import { NOTIFICATION_KINDS, SEVERITIES } from './values.js';

export { NOTIFICATION_KINDS, SEVERITIES };

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type Severity = (typeof SEVERITIES)[number];

export interface Notification {
  id: string;
  kind: NotificationKind;
  severity: Severity;
  summary: string;
  body?: string;
  objectRefs: string[];
  /** 'all': every Party in force when it was sent; otherwise the Parties named. */
  recipients: 'all' | string[];
  /** The Parties it was delivered to, resolved when sent. */
  deliveredTo: string[];
  tlp: TlpLevel;
  sender: string;
  createdBy: string;
  createdAt: string;
  deadline: string;
  exercise: string | null;
}

export const notificationType = declareAccordType({
  type: 'x-accord-notification',
  extensionId: 'extension-definition--6f0b7c4e-2a57-4e0e-9d4b-0c1f1e7a3b51',
  // 1.1.0 renamed severity, a property name STIX 2.1 reserves, to notification_severity.
  version: '1.1.0',
  modified: '2026-12-03T00:00:00.000Z',
  name: 'Accord notification',
  description:
    'Notification of an information-security threat, a computer incident or a response measure ' +
    '(Article 7 of the 2017 CSTO Agreement on cooperation in information security).',
  schema:
    'x-accord-notification has kind (threat|incident|response-measure), ' +
    'notification_severity (critical|high|medium|low; "severity" in copies made before version 1.1.0, which STIX reserves), ' +
    'summary, body?, object_refs?, recipients ("all" or Party codes), delivered_to (Party codes), sender (Party), ' +
    "sent_by? (the sender's user, as its Party shares the name), " +
    'deadline (timestamp by which each recipient should acknowledge), exercise? (exercise id).',
});

export function notificationToStix(n: Notification, meta: Parameters<typeof notificationType.toStix>[0]) {
  return notificationType.toStix(meta, {
    kind: n.kind,
    notification_severity: n.severity,
    summary: n.summary,
    body: n.body,
    object_refs: n.objectRefs,
    recipients: n.recipients === 'all' ? 'all' : n.recipients,
    delivered_to: n.deliveredTo,
    sender: n.sender,
    sent_by: n.createdBy,
    deadline: n.deadline,
    exercise: n.exercise ?? undefined,
  });
}

export const acknowledgementType = declareAccordType({
  type: 'x-accord-acknowledgement',
  extensionId: 'extension-definition--1d7c0a3e-8f4b-4f65-a0d2-5e2b9d6c7a18',
  name: 'Accord acknowledgement',
  description: 'A recipient Party acknowledges an Accord notification (Article 7).',
  schema:
    'x-accord-acknowledgement has notification_ref (x-accord-notification id), party (the acknowledging Party), ' +
    'acknowledged_by (user), acknowledged_at (timestamp).',
});

// Audit bodies for the events Article 10 makes us able to account for. Building them here
// keeps every caller recording the same fields, so a disclosure can be traced the same way
// whichever way out it took.

import type { Consent } from '../policy/consent.js';
import type { Decision, DecisionInput } from '../policy/decide.js';
import type { AuditActor, AuditBody } from './chain.js';

export const AUDIT_ACTIONS = {
  disclosure: 'disclosure',
  consentRequested: 'consent.requested',
  consentGranted: 'consent.granted',
  consentRefused: 'consent.refused',
  consentWithdrawn: 'consent.withdrawn',
  login: 'login',
  loginFailed: 'login.failed',
  tokenUsed: 'token.used',
} as const;

function stixType(id: string): string {
  const i = id.indexOf('--');
  return i > 0 ? id.slice(0, i) : 'object';
}

/** One disclosure decision (allowed or not) about one object version to one recipient. */
export function disclosureBody(
  input: DecisionInput,
  decision: Decision,
  at: string,
  actor: AuditActor,
): AuditBody {
  const details: Record<string, unknown> = {
    originator: input.version.originator,
    holder: input.holder,
    recipient: input.recipient,
    channel: input.channel,
    date: input.date,
    exercise: input.version.exercise ?? null,
    allow: decision.allow,
    reason: decision.reason,
  };
  if (decision.allow && decision.consentId) details.consentId = decision.consentId;
  if (!decision.allow) details.message = decision.message;
  return {
    at,
    actor,
    action: AUDIT_ACTIONS.disclosure,
    subject: { type: stixType(input.version.id), id: input.version.id, version: input.version.modified },
    details,
  };
}

const CONSENT_ACTION = {
  requested: AUDIT_ACTIONS.consentRequested,
  granted: AUDIT_ACTIONS.consentGranted,
  refused: AUDIT_ACTIONS.consentRefused,
  withdrawn: AUDIT_ACTIONS.consentWithdrawn,
} as const;

/** A consent reaching its current state. */
export function consentBody(consent: Consent, at: string, actor: AuditActor): AuditBody {
  return {
    at,
    actor,
    action: CONSENT_ACTION[consent.status],
    subject: { type: 'x-accord-consent', id: consent.id },
    details: {
      grantor: consent.grantor,
      requester: consent.requester,
      recipient: consent.recipient,
      objectIds: consent.objectIds,
      purpose: consent.purpose,
      validUntil: consent.validUntil,
    },
  };
}

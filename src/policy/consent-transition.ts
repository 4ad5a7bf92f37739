// The consent life cycle as a pure state machine:
//   requested ─grant→ granted ─withdraw→ withdrawn
//   requested ─refuse→ refused
// Only a liaison officer of the originating Party decides; every other move is refused with a
// code, never silently ignored. Expiry is not a state: `validUntil` bounds coverage by date.

import { type Consent, dayOf } from './consent.js';
import type { Recipient } from './recipient.js';

export interface ConsentActor {
  /** The user id, for the record. */
  id: string;
  party: string;
  /** Signs consents on behalf of the Party. */
  liaison: boolean;
}

export type ConsentAction =
  | { type: 'grant'; at: string }
  | { type: 'refuse'; at: string; reason?: string }
  | { type: 'withdraw'; at: string };

export type ConsentError = {
  ok: false;
  code: 'illegal-transition' | 'not-authorised' | 'invalid';
  message: string;
};
export type ConsentResult = { ok: true; consent: Consent } | ConsentError;

export interface ConsentRequest {
  id: string;
  objectIds: readonly string[];
  requester: string;
  grantor: string;
  recipient: Recipient;
  purpose: string;
  validUntil: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function fail(code: ConsentError['code'], message: string): ConsentError {
  return { ok: false, code, message };
}

export function requestConsent(req: ConsentRequest, actor: ConsentActor, at: string): ConsentResult {
  if (actor.party !== req.requester) {
    return fail(
      'not-authorised',
      `${actor.id} (${actor.party}) cannot ask for consent on behalf of ${req.requester}`,
    );
  }
  if (req.objectIds.length === 0) return fail('invalid', 'a consent request must name at least one object');
  if (req.purpose.trim() === '') return fail('invalid', 'a consent request must state its purpose');
  if (!DAY.test(req.validUntil))
    return fail('invalid', `validUntil must be a date (YYYY-MM-DD), not ${req.validUntil}`);
  if (req.validUntil < dayOf(at)) return fail('invalid', `validUntil ${req.validUntil} is already past`);
  return {
    ok: true,
    consent: {
      ...req,
      objectIds: [...req.objectIds],
      status: 'requested',
      requestedAt: at,
      requestedBy: actor.id,
    },
  };
}

export function transitionConsent(
  consent: Consent,
  action: ConsentAction,
  actor: ConsentActor,
): ConsentResult {
  if (actor.party !== consent.grantor || !actor.liaison) {
    return fail(
      'not-authorised',
      `only a liaison officer of ${consent.grantor}, the originating Party, may ${action.type} this consent`,
    );
  }
  switch (action.type) {
    case 'grant':
      if (consent.status !== 'requested') return illegal(consent, action);
      if (dayOf(action.at) > consent.validUntil) {
        return fail(
          'invalid',
          `cannot grant on ${dayOf(action.at)}: the request ran until ${consent.validUntil}`,
        );
      }
      return {
        ok: true,
        consent: { ...consent, status: 'granted', grantedAt: action.at, grantedBy: actor.id },
      };
    case 'refuse': {
      if (consent.status !== 'requested') return illegal(consent, action);
      const why = action.reason === undefined ? {} : { refusalReason: action.reason };
      return {
        ok: true,
        consent: { ...consent, status: 'refused', refusedAt: action.at, refusedBy: actor.id, ...why },
      };
    }
    case 'withdraw':
      if (consent.status !== 'granted') return illegal(consent, action);
      if (action.at < consent.grantedAt)
        return fail('invalid', 'a consent cannot be withdrawn before it was granted');
      return {
        ok: true,
        consent: { ...consent, status: 'withdrawn', withdrawnAt: action.at, withdrawnBy: actor.id },
      };
  }
}

function illegal(consent: Consent, action: ConsentAction): ConsentError {
  return fail('illegal-transition', `a ${consent.status} consent cannot be ${pastTense[action.type]}`);
}

const pastTense = { grant: 'granted', refuse: 'refused', withdraw: 'withdrawn' } as const;

// Where the Agreement and each Party stand on a date: the question the policy asks before every
// disclosure ("is the recipient a Party in force today?"), so it is a pure function of the data.

import { isIsoDate } from './calendar.js';
import { factsOf, inForceSince, type Ledger } from './ledger.js';
import { replay } from './replay.js';
import type {
  AgreementDefinition,
  AgreementEvent,
  AgreementStatus,
  ConsultationStatus,
  PartyStatus,
  ProtocolStatus,
} from './types.js';

function partyStatus(ledger: Ledger, code: string, at: string): PartyStatus {
  const facts = factsOf(ledger, code);
  const since = inForceSince(ledger, code);
  const { withdrawalNoticeOn: noticeReceivedOn, withdrawalEffectiveOn: effectiveOn } = facts;
  // A notice is accepted only from a Party in force, so `since` is set whenever a notice is.
  if (since !== undefined && noticeReceivedOn !== undefined && effectiveOn !== undefined) {
    return effectiveOn <= at
      ? { state: 'withdrawn', inForceFrom: since, noticeReceivedOn, since: effectiveOn }
      : { state: 'withdrawal-pending', since, noticeReceivedOn, effectiveOn };
  }
  if (since !== undefined) return { state: 'in-force', since };
  if (facts.signedOn === undefined) return { state: 'not-signatory' };
  return facts.notifiedOn === undefined
    ? { state: 'signatory', signedOn: facts.signedOn }
    : { state: 'signatory', signedOn: facts.signedOn, notifiedOn: facts.notifiedOn };
}

/**
 * The status on `at` (`YYYY-MM-DD`) under the definition's rules, from the events dated on or before
 * it. Events that break a rule are left out (events.ts refuses them before they are recorded).
 */
export function agreementStatus(
  definition: AgreementDefinition,
  events: readonly AgreementEvent[],
  at: string,
): AgreementStatus {
  if (!isIsoDate(at)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(at)}`);
  const { ledger } = replay(definition, events, at);
  const parties = definition.parties.map((p) => ({ code: p.code, ...partyStatus(ledger, p.code, at) }));
  const protocols: ProtocolStatus[] = [...ledger.protocols.values()].map((e) => ({
    protocol: e.protocol,
    since: e.date,
    ...(e.title ? { title: e.title } : {}),
    ...(e.parties ? { parties: e.parties } : {}),
  }));
  const consultations: ConsultationStatus[] = [...ledger.consultations.values()]
    .filter((c) => c.closedOn === undefined)
    .map(({ opened }) => ({
      consultation: opened.consultation,
      parties: opened.parties,
      openedOn: opened.date,
      ...(opened.subject ? { subject: opened.subject } : {}),
    }));
  const since = ledger.enteredIntoForceOn;
  const inForce = since !== undefined && parties.some((p) => isBound(p.state));
  return { at, inForce, ...(inForce ? { since } : {}), parties, protocols, consultations };
}

function isBound(state: PartyStatus['state']): boolean {
  return state === 'in-force' || state === 'withdrawal-pending';
}

/** Whether the Agreement binds the Party on the status's date (a pending withdrawal still binds). */
export function isInForceFor(status: AgreementStatus, partyCode: string): boolean {
  const entry = status.parties.find((p) => p.code === partyCode);
  return entry !== undefined && isBound(entry.state);
}

/** The codes of the Parties the Agreement binds on the status's date. */
export function partiesInForce(status: AgreementStatus): string[] {
  return status.parties.filter((p) => isBound(p.state)).map((p) => p.code);
}

// The rules of Articles 13, 14, 16 and 17 as checks of one event against what the events before
// it establish. Each check returns the first rule the event breaks, or undefined.

import { isIsoDate } from './calendar.js';
import { factsOf, isBoundOn, type Ledger } from './ledger.js';
import type { AgreementRule, RuleViolation } from './rules.js';
import type {
  AgreementEvent,
  ConsultationClosedEvent,
  ConsultationOpenedEvent,
  EntryIntoForceEvent,
  ProtocolInForceEvent,
  RatificationNotifiedEvent,
  SignatureEvent,
  WithdrawalNotifiedEvent,
} from './types.js';

function broken(rule: AgreementRule, message: string): RuleViolation {
  return { rule, message };
}

function who(ledger: Ledger, code: string): string {
  const party = ledger.definition.parties.find((p) => p.code === code);
  return party ? `${code} (${party.name.en})` : code;
}

/** The Parties an event names. */
export function partiesNamed(event: AgreementEvent): string[] {
  switch (event.kind) {
    case 'entry-into-force':
    case 'consultation-opened':
      return event.parties;
    case 'protocol-in-force':
      return event.parties ?? [];
    case 'consultation-closed':
      return [];
    default:
      return [event.party];
  }
}

function checkCommon(ledger: Ledger, event: AgreementEvent): RuleViolation | undefined {
  if (!isIsoDate(event.date)) {
    return broken('invalid-date', `${JSON.stringify(event.date)} is not a calendar date (YYYY-MM-DD)`);
  }
  if (typeof event.source !== 'string' || event.source.trim() === '') {
    return broken('missing-source', 'the event does not say where it is established (source)');
  }
  const signed = ledger.definition.signed.date;
  if (event.date < signed) {
    return broken(
      'before-agreement-signature',
      `${event.date} is before the Agreement was signed (${signed})`,
    );
  }
  const unknown = partiesNamed(event).find((code) => !ledger.parties.has(code));
  if (unknown !== undefined) {
    return broken('unknown-party', `${JSON.stringify(unknown)} is not a Party to this Agreement`);
  }
  return undefined;
}

function checkSignature(ledger: Ledger, e: SignatureEvent): RuleViolation | undefined {
  const signedOn = factsOf(ledger, e.party).signedOn;
  if (signedOn !== undefined) {
    return broken('duplicate-signature', `${who(ledger, e.party)} already signed on ${signedOn}`);
  }
  return undefined;
}

function checkNotification(ledger: Ledger, e: RatificationNotifiedEvent): RuleViolation | undefined {
  const facts = factsOf(ledger, e.party);
  if (facts.withdrawalNoticeOn !== undefined) {
    return broken(
      'notification-after-withdrawal',
      `${who(ledger, e.party)} gave notice of withdrawal on ${facts.withdrawalNoticeOn}`,
    );
  }
  if (facts.signedOn === undefined) {
    return broken('notification-before-signature', `${who(ledger, e.party)} has not signed by ${e.date}`);
  }
  if (facts.notifiedOn !== undefined) {
    return broken(
      'duplicate-notification',
      `the notification of ${who(ledger, e.party)} was already received on ${facts.notifiedOn}`,
    );
  }
  const record = ledger.entryIntoForce;
  if (record !== undefined) {
    if (facts.listedInEntryIntoForce && e.date > record.date) {
      return broken(
        'conflicts-with-entry-into-force',
        `the Agreement entered into force for ${who(ledger, e.party)} on ${record.date}, so its notification was received by then`,
      );
    }
    if (!facts.listedInEntryIntoForce && e.date <= record.date) {
      return broken(
        'conflicts-with-entry-into-force',
        `${who(ledger, e.party)} is not among the Parties for which the Agreement entered into force on ${record.date}, so its notification came later`,
      );
    }
  }
  return undefined;
}

function checkEntryIntoForce(ledger: Ledger, e: EntryIntoForceEvent): RuleViolation | undefined {
  if (ledger.enteredIntoForceOn !== undefined) {
    return broken(
      'already-in-force',
      `the Agreement already entered into force on ${ledger.enteredIntoForceOn}`,
    );
  }
  const listed = new Set(e.parties);
  const required = ledger.definition.entryIntoForce.notificationsRequired;
  if (listed.size < required) {
    return broken(
      'entry-into-force-too-few-parties',
      `entry into force needs ${required} notifications; ${listed.size} Parties are listed`,
    );
  }
  const unsigned = e.parties.find((code) => factsOf(ledger, code).signedOn === undefined);
  if (unsigned !== undefined) {
    return broken('notification-before-signature', `${who(ledger, unsigned)} has not signed by ${e.date}`);
  }
  const missing = ledger.notified.find((code) => !listed.has(code));
  if (missing !== undefined) {
    return broken(
      'conflicts-with-entry-into-force',
      `the notification of ${who(ledger, missing)} was received on ${factsOf(ledger, missing).notifiedOn}, but it is not listed`,
    );
  }
  return undefined;
}

function checkProtocol(ledger: Ledger, e: ProtocolInForceEvent): RuleViolation | undefined {
  if (ledger.enteredIntoForceOn === undefined) {
    return broken('protocol-before-entry-into-force', `the Agreement is not in force on ${e.date}`);
  }
  const existing = ledger.protocols.get(e.protocol);
  if (existing !== undefined) {
    return broken(
      'duplicate-protocol',
      `protocol ${JSON.stringify(e.protocol)} entered into force on ${existing.date}`,
    );
  }
  return undefined;
}

function checkWithdrawal(ledger: Ledger, e: WithdrawalNotifiedEvent): RuleViolation | undefined {
  const noticeOn = factsOf(ledger, e.party).withdrawalNoticeOn;
  if (noticeOn !== undefined) {
    return broken(
      'duplicate-withdrawal',
      `${who(ledger, e.party)} already gave notice of withdrawal on ${noticeOn}`,
    );
  }
  if (!isBoundOn(ledger, e.party, e.date)) {
    return broken(
      'withdrawal-not-in-force',
      `the Agreement is not in force for ${who(ledger, e.party)} on ${e.date}`,
    );
  }
  return undefined;
}

function checkConsultationOpened(ledger: Ledger, e: ConsultationOpenedEvent): RuleViolation | undefined {
  const existing = ledger.consultations.get(e.consultation);
  if (existing !== undefined) {
    return broken(
      'duplicate-consultation',
      `consultation ${JSON.stringify(e.consultation)} was opened on ${existing.opened.date}`,
    );
  }
  if (new Set(e.parties).size < 2) {
    return broken('consultation-too-few-parties', 'consultations on a dispute involve at least two Parties');
  }
  const outside = e.parties.find((code) => !isBoundOn(ledger, code, e.date));
  if (outside !== undefined) {
    return broken(
      'consultation-party-not-in-force',
      `the Agreement is not in force for ${who(ledger, outside)} on ${e.date}`,
    );
  }
  return undefined;
}

function checkConsultationClosed(ledger: Ledger, e: ConsultationClosedEvent): RuleViolation | undefined {
  const existing = ledger.consultations.get(e.consultation);
  if (existing === undefined) {
    return broken(
      'unknown-consultation',
      `no consultation ${JSON.stringify(e.consultation)} is open on ${e.date}`,
    );
  }
  if (existing.closedOn !== undefined) {
    return broken(
      'consultation-already-closed',
      `consultation ${JSON.stringify(e.consultation)} was closed on ${existing.closedOn}`,
    );
  }
  return undefined;
}

/** The first rule `event` breaks, given what the events before it establish. */
export function checkEvent(ledger: Ledger, event: AgreementEvent): RuleViolation | undefined {
  const common = checkCommon(ledger, event);
  if (common) return common;
  switch (event.kind) {
    case 'signature':
      return checkSignature(ledger, event);
    case 'ratification-notified':
      return checkNotification(ledger, event);
    case 'entry-into-force':
      return checkEntryIntoForce(ledger, event);
    case 'protocol-in-force':
      return checkProtocol(ledger, event);
    case 'withdrawal-notified':
      return checkWithdrawal(ledger, event);
    case 'consultation-opened':
      return checkConsultationOpened(ledger, event);
    case 'consultation-closed':
      return checkConsultationClosed(ledger, event);
  }
}

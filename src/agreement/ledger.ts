// What the events recorded so far establish, built by replaying them in date order (replay.ts).
// The checks read it to judge the next event; the status reads it to say where everyone stands.

import { addMonths, maxDate } from './calendar.js';
import type {
  AgreementDefinition,
  AgreementEvent,
  ConsultationOpenedEvent,
  EntryIntoForceEvent,
  ProtocolInForceEvent,
} from './types.js';

export interface PartyFacts {
  signedOn?: string;
  notifiedOn?: string;
  /** Listed by the recorded entry into force: its notification was in by that day. */
  listedInEntryIntoForce?: boolean;
  withdrawalNoticeOn?: string;
  withdrawalEffectiveOn?: string;
}

export interface Ledger {
  readonly definition: AgreementDefinition;
  enteredIntoForceOn?: string;
  entryIntoForce?: EntryIntoForceEvent;
  /** Parties whose notification the depositary has received, in order of receipt. */
  notified: string[];
  parties: Map<string, PartyFacts>;
  protocols: Map<string, ProtocolInForceEvent>;
  consultations: Map<string, { opened: ConsultationOpenedEvent; closedOn?: string }>;
}

export function emptyLedger(definition: AgreementDefinition): Ledger {
  return {
    definition,
    notified: [],
    parties: new Map(definition.parties.map((p) => [p.code, {}])),
    protocols: new Map(),
    consultations: new Map(),
  };
}

export function factsOf(ledger: Ledger, code: string): PartyFacts {
  return ledger.parties.get(code) ?? {};
}

/** The day the Agreement entered into force for the Party, if it has. */
export function inForceSince(ledger: Ledger, code: string): string | undefined {
  const entered = ledger.enteredIntoForceOn;
  if (entered === undefined) return undefined;
  const facts = factsOf(ledger, code);
  if (facts.listedInEntryIntoForce) return entered;
  // Article 16: on the day of entry into force for those who notified before; on the day of
  // its own notification for a Party that notifies later.
  return facts.notifiedOn === undefined ? undefined : maxDate(facts.notifiedOn, entered);
}

/** Whether the Agreement binds the Party on `date`: in force for it and its withdrawal not yet effective. */
export function isBoundOn(ledger: Ledger, code: string, date: string): boolean {
  const since = inForceSince(ledger, code);
  if (since === undefined || since > date) return false;
  const effective = factsOf(ledger, code).withdrawalEffectiveOn;
  return effective === undefined || date < effective;
}

/** Adds a valid event's consequences. Only replay() calls it, after the checks passed. */
export function record(ledger: Ledger, event: AgreementEvent): void {
  switch (event.kind) {
    case 'signature':
      ledger.parties.set(event.party, { ...factsOf(ledger, event.party), signedOn: event.date });
      return;
    case 'ratification-notified': {
      ledger.parties.set(event.party, { ...factsOf(ledger, event.party), notifiedOn: event.date });
      ledger.notified.push(event.party);
      const required = ledger.definition.entryIntoForce.notificationsRequired;
      if (ledger.enteredIntoForceOn === undefined && ledger.notified.length >= required) {
        ledger.enteredIntoForceOn = event.date;
      }
      return;
    }
    case 'entry-into-force':
      ledger.entryIntoForce = event;
      ledger.enteredIntoForceOn = event.date;
      for (const code of event.parties) {
        ledger.parties.set(code, { ...factsOf(ledger, code), listedInEntryIntoForce: true });
      }
      return;
    case 'protocol-in-force':
      ledger.protocols.set(event.protocol, event);
      return;
    case 'withdrawal-notified':
      ledger.parties.set(event.party, {
        ...factsOf(ledger, event.party),
        withdrawalNoticeOn: event.date,
        withdrawalEffectiveOn: addMonths(event.date, ledger.definition.withdrawal.noticeMonths),
      });
      return;
    case 'consultation-opened':
      ledger.consultations.set(event.consultation, { opened: event });
      return;
    case 'consultation-closed': {
      const open = ledger.consultations.get(event.consultation);
      if (open) ledger.consultations.set(event.consultation, { ...open, closedOn: event.date });
      return;
    }
  }
}

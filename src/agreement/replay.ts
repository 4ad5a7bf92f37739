// Events are judged in the order they happened, not the order they were recorded: an operator
// may record today a notification received last year. Replaying the whole log in date order makes
// every check and every status independent of recording order.

import { checkEvent } from './checks.js';
import { emptyLedger, type Ledger, record } from './ledger.js';
import type { RuleViolation } from './rules.js';
import type { AgreementDefinition, AgreementEvent, AgreementEventKind } from './types.js';

// Within one day: signatures come first (a Party may sign and notify the same day); the recorded
// entry into force before the notifications it summarises; withdrawals last, so that a Party
// bound on a day may give notice that same day.
const KIND_ORDER: Record<AgreementEventKind, number> = {
  signature: 0,
  'entry-into-force': 1,
  'ratification-notified': 2,
  'protocol-in-force': 3,
  'consultation-opened': 4,
  'consultation-closed': 5,
  'withdrawal-notified': 6,
};

/** The events in date order; the same day by kind, then in the order given. */
export function chronological<E extends AgreementEvent>(events: readonly E[]): E[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort(
      (a, b) =>
        (a.event.date < b.event.date ? -1 : a.event.date > b.event.date ? 1 : 0) ||
        KIND_ORDER[a.event.kind] - KIND_ORDER[b.event.kind] ||
        a.index - b.index,
    )
    .map((x) => x.event);
}

export interface RejectedEvent {
  event: AgreementEvent;
  violation: RuleViolation;
}

export interface Replay {
  ledger: Ledger;
  /** Events that break a rule given those before them; they change nothing. */
  rejected: RejectedEvent[];
}

/** Replays the events dated on or before `until` (all of them without it). */
export function replay(
  definition: AgreementDefinition,
  events: readonly AgreementEvent[],
  until?: string,
): Replay {
  const ledger = emptyLedger(definition);
  const rejected: RejectedEvent[] = [];
  for (const event of chronological(events)) {
    if (until !== undefined && event.date > until) break;
    const violation = checkEvent(ledger, event);
    if (violation) rejected.push({ event, violation });
    else record(ledger, event);
  }
  return { ledger, rejected };
}

// Recording an event: it is accepted only if the log with it still obeys every rule, both for
// the event itself and for the events already recorded after its date.

import { isIsoDate } from './calendar.js';
import { chronological, replay } from './replay.js';
import type { AgreementRule } from './rules.js';
import type { AgreementDefinition, AgreementEvent } from './types.js';

export type EventValidation = { ok: true } | { ok: false; rule: AgreementRule; message: string };

export interface ValidateOptions {
  /** Today's date; events dated later are refused. The pure core does not read the clock. */
  today?: string;
}

function describe(event: AgreementEvent): string {
  const party = 'party' in event ? ` of ${event.party}` : '';
  return `the ${event.kind}${party} recorded on ${event.date}`;
}

export function validateEvent(
  definition: AgreementDefinition,
  existing: readonly AgreementEvent[],
  event: AgreementEvent,
  options: ValidateOptions = {},
): EventValidation {
  if (options.today !== undefined && isIsoDate(event.date) && event.date > options.today) {
    return { ok: false, rule: 'date-in-future', message: `${event.date} is after today (${options.today})` };
  }
  const after = replay(definition, [...existing, event]).rejected;
  const own = after.find((r) => r.event === event);
  if (own) return { ok: false, ...own.violation };
  // A past event recorded late can make a later one impossible (a withdrawal dated before a
  // recorded notification): refuse it, naming the event it would contradict.
  const before = new Set(replay(definition, existing).rejected.map((r) => r.event));
  const knockOn = after.find((r) => !before.has(r.event));
  if (knockOn) {
    return {
      ok: false,
      rule: knockOn.violation.rule,
      message: `it would contradict ${describe(knockOn.event)}: ${knockOn.violation.message}`,
    };
  }
  return { ok: true };
}

export type EventApplication =
  | { ok: true; events: AgreementEvent[] }
  | { ok: false; rule: AgreementRule; message: string };

/** The log with `event` added, in date order, or the rule it breaks. */
export function applyEvent(
  definition: AgreementDefinition,
  existing: readonly AgreementEvent[],
  event: AgreementEvent,
  options: ValidateOptions = {},
): EventApplication {
  const verdict = validateEvent(definition, existing, event, options);
  if (!verdict.ok) return verdict;
  return { ok: true, events: chronological([...existing, event]) };
}

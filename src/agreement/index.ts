// The Agreement as data: definitions, events, the status on any date and the depositary's notices.
// A pure core: no I/O, no clock, nothing specific to one treaty.

export { addMonths, daysInMonth, isIsoDate, isLeapYear, parseIsoDate } from './calendar.js';
export { dateInWords } from './date-words.js';
export {
  applyEvent,
  type EventApplication,
  type EventValidation,
  type ValidateOptions,
  validateEvent,
} from './events.js';
export { type DefinitionParse, defaultAgreement, parseAgreementDefinition } from './load.js';
export { type DepositaryNotice, depositaryNotice, type PartyStatusChange } from './notices.js';
export { EVENT_KINDS, type EventParse, parseAgreementEvent } from './parse-event.js';
export { chronological } from './replay.js';
export { AGREEMENT_RULES, type AgreementRule, type RuleViolation } from './rules.js';
export { agreementStatus, isInForceFor, partiesInForce } from './status.js';
export type * from './types.js';

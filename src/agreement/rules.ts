// Every rule an agreement event can break, in one catalogue: the code is what a refusal carries
// (in the API's error details, in the CLI's message), the article is where the rule comes from.
// docs/agreement.md lists every code; a test checks that the two agree.

export const AGREEMENT_RULES = {
  'invalid-date': { article: '—', description: 'The date must be a calendar date written YYYY-MM-DD.' },
  'date-in-future': { article: '—', description: 'Events are recorded as they occur, not in advance.' },
  'missing-source': {
    article: '—',
    description: 'Every event says where it is established (a document, a publication, a notice).',
  },
  'unknown-party': { article: '—', description: 'The Party is not one of the Parties the definition lists.' },
  'before-agreement-signature': {
    article: 'final clause',
    description: 'No event can precede the date on which the Agreement was signed.',
  },
  'duplicate-signature': { article: 'final clause', description: 'A Party signs once.' },
  'notification-before-signature': {
    article: '16',
    description: 'Only a signatory notifies completion of its internal procedures, on or after signing.',
  },
  'duplicate-notification': {
    article: '16',
    description: 'A Party notifies completion of its internal procedures once.',
  },
  'notification-after-withdrawal': {
    article: '16, 17',
    description: 'A Party that has given notice of withdrawal cannot notify completion of its procedures.',
  },
  'entry-into-force-too-few-parties': {
    article: '16',
    description: 'Entry into force needs the number of notifications the Agreement requires.',
  },
  'already-in-force': {
    article: '16',
    description: 'The Agreement enters into force once; a second date for it contradicts the first.',
  },
  'conflicts-with-entry-into-force': {
    article: '16',
    description:
      'Notifications must agree with the recorded entry into force: the Parties it lists notified on or before that day, the others after it.',
  },
  'withdrawal-not-in-force': {
    article: '17',
    description: 'Only a Party for which the Agreement is in force can give notice of withdrawal.',
  },
  'duplicate-withdrawal': { article: '17', description: 'A Party gives notice of withdrawal once.' },
  'protocol-before-entry-into-force': {
    article: '13',
    description: 'An amending protocol can enter into force only once the Agreement is in force.',
  },
  'duplicate-protocol': { article: '13', description: 'A protocol enters into force once.' },
  'consultation-too-few-parties': {
    article: '14',
    description: 'A dispute is between Parties: consultations involve at least two of them.',
  },
  'consultation-party-not-in-force': {
    article: '14',
    description: 'Consultations are between Parties for which the Agreement is in force.',
  },
  'duplicate-consultation': { article: '14', description: 'A consultation is opened once.' },
  'unknown-consultation': {
    article: '14',
    description: 'Only a consultation that was opened can be closed.',
  },
  'consultation-already-closed': { article: '14', description: 'A consultation is closed once.' },
} as const;

export type AgreementRule = keyof typeof AGREEMENT_RULES;

/** A rule that an event breaks, with the message that says how. */
export interface RuleViolation {
  rule: AgreementRule;
  message: string;
}

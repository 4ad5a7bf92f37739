// Which stored types are Accord's own workflow records rather than intelligence. The
// console's Indicators list asks for `kind=intel` and leaves these to the pages that own
// them (Inbox, Requests, Cases, Consents, Library, the Agreement); an object page reaches
// them through "cited by".

/** Accord's workflow records and the STIX housekeeping types that describe other objects. */
export const WORKFLOW_TYPES: readonly string[] = [
  'x-accord-notification',
  'x-accord-acknowledgement',
  'x-accord-request',
  'x-accord-response',
  'x-accord-consent',
  'x-accord-case',
  'x-accord-case-entry',
  'x-accord-exercise',
  'x-accord-depositary-notice',
  'x-accord-document',
  'x-accord-document-proposal',
  'x-accord-legal-reference',
  'marking-definition',
  'extension-definition',
];

export type ObjectKind = 'intel' | 'workflow';

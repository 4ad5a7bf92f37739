// The closed value lists of the exchange records, in a module with no imports, so the HTTP
// contract (and through it the console's type check) can name them without pulling in Node.

export const NOTIFICATION_KINDS = ['threat', 'incident', 'response-measure'] as const;
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export const REQUEST_KINDS = ['information', 'assistance', 'blocking'] as const;
export const ASSISTANCE_PURPOSES = ['determine-source', 'stop-infrastructure'] as const;
export const MEASURE_STATES = ['planned', 'in-progress', 'done', 'cancelled'] as const;
export const CASE_STATES = ['open', 'closed'] as const;
export const EXERCISE_STATES = ['planned', 'active', 'ended', 'purged'] as const;
export const DOCUMENT_KINDS = [
  'draft-treaty',
  'harmonisation-proposal',
  'legal-act',
  'analysis',
  'reference',
  'training',
  'other',
] as const;

// One catalogue of decision reasons: the codes a person reads in the audit log, the API's
// error details and the console. docs/policy.md lists every code; a test keeps them in step.

export const ALLOW_REASONS = {
  'published-definition':
    'A definition Accord publishes for every reader (TLP 2.0 markings, Accord’s extension definitions, Parties’ identities): it names no one’s information.',
  originator: 'The recipient is the originating Party: it always sees its own information.',
  'tlp-clear': 'TLP:CLEAR with nothing more restrictive: the originator’s standing consent to anyone.',
  'tlp-green': 'TLP:GREEN: every Party in force (within any releasability list).',
  'tlp-amber':
    'TLP:AMBER (or unmarked): the Parties it was released to, every Party in force if none is named.',
  'tlp-amber-strict':
    'TLP:AMBER+STRICT: the Parties it was released to, every Party in force if none is named.',
  'tlp-red-named': 'TLP:RED: the recipient is named in the originator’s releasability marking.',
  consent:
    'A third party under a written consent of the originating Party covering object, recipient and date.',
} as const;

export const DENY_REASONS = {
  'invalid-input': 'The question itself is malformed (a date that is not YYYY-MM-DD, a missing originator).',
  'exercise-mismatch':
    'Exercise data asked for outside its exercise, or real data asked for inside an exercise.',
  'unknown-marking': 'The object carries a marking this node cannot resolve or read; it fails closed.',
  'above-accreditation': 'The object is classified above what the recipient Party is accredited for.',
  'not-released-to-party': 'The originator released the object to other Parties only.',
  'tlp-red-not-named': 'TLP:RED and the recipient is not named (none named: the originator alone).',
  'no-widening':
    'A Party that is not the originator may not pass the object beyond the originator’s release.',
  'classified-to-third-party': 'Classified information never goes to a third party, consent or not.',
  'not-in-force':
    'The Agreement is not in force for that Party on that date; as a third party it has no covering consent.',
  'third-party-no-consent':
    'A third party without a written consent of the originating Party covering this disclosure.',
  'consent-not-from-originator': 'The only consent found was not given by the originating Party.',
  'endpoint-withheld':
    'A relationship or sighting whose source, target or sighted object the recipient may not see.',
} as const;

export type AllowReason = keyof typeof ALLOW_REASONS;
export type DenyReason = keyof typeof DENY_REASONS;

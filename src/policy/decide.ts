// The one decision point (DESIGN.md, "Policy: one decision point"): may this recipient receive
// this object version through this channel on this date? Pure: everything it needs is in the
// input. Rules are tried in this order, and the order is part of the contract:
//
//   0. a malformed question is refused                                   invalid-input
//      a definition Accord publishes (TLP, its extension-definitions,     published-definition
//      the Parties' identities) is vocabulary every reader needs
//   1. exercise data only inside its exercise, real data only outside    exercise-mismatch
//   2. the originator always sees its own                                originator
//   3. a marking we cannot read fails closed                             unknown-marking
//      (an Accord marking-definition counts as marked by what it says: definition-markings.ts)
//   then, for a Party in force on the date:
//   4. classification above the Party's accreditation                    above-accreditation
//   5. TLP and releasability as the originator released it (rule 4); a non-originator gets
//      the same answer but is told it may not widen (rule 5)            not-released-to-party,
//                                                                        tlp-red-not-named, no-widening
//   otherwise — a third party, including a Party not in force (withdrawn, not yet ratified):
//   6. never classified information, consent or not                      classified-to-third-party
//   7. TLP:CLEAR with nothing more restrictive                           tlp-clear
//   8. a written consent of the originator covering object, recipient, date and holder
//                                                                        consent / not-in-force,
//                                                                        third-party-no-consent
//
// Why this order: the exercise wall comes first because exercise data must not mix with real
// data even for its originator. The originator comes before markings because nothing it marks
// can bind the originator itself. Classification comes before TLP and consent because neither
// the TLP circle nor a consent can lift the 2004 classified-information regime. The channel
// never changes the answer: no way out of the system is a side door.

import { describeRank } from './classification-levels.js';
import { type Consent, consentCovers } from './consent.js';
import { governingMarkings } from './definition-markings.js';
import type { MarkingResolver } from './marking-info.js';
import type { AllowReason, DenyReason } from './reasons.js';
import { describeRecipient, type Recipient } from './recipient.js';
import { originatorRelease } from './release.js';

export type { Recipient } from './recipient.js';

export const CHANNELS = [
  'rest',
  'lookup',
  'export',
  'taxii',
  'feed',
  'federation',
  'live',
  'console',
  'cli',
  'reference',
  'sighting-summary',
  'alert',
] as const;
export type Channel = (typeof CHANNELS)[number];

export interface ObjectVersion {
  id: string;
  modified: string;
  /** The originating Party's code. */
  originator: string;
  /** The STIX object, read for its markings only. */
  object: Readonly<Record<string, unknown>>;
  /** The exercise this version belongs to; null or absent for real-world data. */
  exercise?: string | null;
  /**
   * True only for the definitions Accord itself publishes (src/exchange/definitions.ts), never
   * for a stored row: a peer's object under the same id is decided as any other object.
   */
  published?: boolean;
}

/** The highest classification rank each Party is accredited for; a Party not listed holds rank 0. */
export type Accreditation = ReadonlyMap<string, number> | ((party: string) => number);

export interface DecisionInput {
  recipient: Recipient;
  version: ObjectVersion;
  channel: Channel;
  /** The day of the disclosure, YYYY-MM-DD. */
  date: string;
  /** The Party whose node is disclosing: the originator or a Party that received it. */
  holder: string;
  /** Parties for which the Agreement is in force on `date` (from src/agreement). */
  partiesInForce: ReadonlySet<string>;
  accreditation: Accreditation;
  markings: MarkingResolver;
  consents: readonly Consent[];
  /** The exercise the request is made in; null or absent for the real world. */
  exercise?: string | null;
}

export type Decision =
  | { allow: true; reason: AllowReason /** the consent relied on */; consentId?: string }
  | { allow: false; reason: DenyReason; message: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function deny(reason: DenyReason, message: string): Decision {
  return { allow: false, reason, message };
}

function accreditationOf(a: Accreditation, party: string): number {
  const v = typeof a === 'function' ? a(party) : a.get(party);
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function decide(input: DecisionInput): Decision {
  const { recipient, version, date, holder } = input;
  if (!DAY.test(date)) return deny('invalid-input', `the date must be YYYY-MM-DD, not "${date}"`);
  if (!version.originator) return deny('invalid-input', `object ${version.id} has no originating Party`);
  // Objects refer to these by id; withholding them would leave every reader with dangling
  // references, and they say nothing about any Party's information (exercises included).
  if (version.published === true) return { allow: true, reason: 'published-definition' };

  const dataExercise = version.exercise ?? null;
  const askedIn = input.exercise ?? null;
  if (dataExercise !== askedIn) {
    return deny(
      'exercise-mismatch',
      dataExercise === null
        ? `real-world data does not enter exercise ${askedIn}`
        : `data of exercise ${dataExercise} stays in that exercise${askedIn === null ? '' : `, not ${askedIn}`}`,
    );
  }

  if (recipient.kind === 'party' && recipient.party === version.originator) {
    return { allow: true, reason: 'originator' };
  }

  const m = governingMarkings(version.object, input.markings);
  if (m.unknown.length > 0) {
    const what = m.unknown.map((u) => `${u.id} (${u.why})`).join(', ');
    return deny('unknown-marking', `object ${version.id} carries markings this node cannot read: ${what}`);
  }

  const who = describeRecipient(recipient);
  if (recipient.kind === 'party' && input.partiesInForce.has(recipient.party)) {
    const accredited = accreditationOf(input.accreditation, recipient.party);
    if (m.classificationRank > accredited) {
      return deny(
        'above-accreditation',
        `object is classified ${describeRank(m.classificationRank)}; ${recipient.party} is accredited up to ${describeRank(accredited)}`,
      );
    }
    const release = originatorRelease(m, recipient.party, recipient.org);
    if (release.ok) return { allow: true, reason: release.reason };
    if (holder !== version.originator) {
      return deny(
        'no-widening',
        `${holder} is not the originator (${version.originator}) and may not pass this on: ${release.message}`,
      );
    }
    return deny(release.reason, release.message);
  }

  // A third party, or a Party for which the Agreement is not in force on this date.
  if (m.classificationRank > 0) {
    return deny(
      'classified-to-third-party',
      `object is classified ${describeRank(m.classificationRank)} and ${who} is not a Party in force on ${date}`,
    );
  }
  if (m.tlp === 'clear') return { allow: true, reason: 'tlp-clear' };

  const covering = input.consents.filter((c) => consentCovers(c, version.id, recipient, date, holder));
  const valid = covering.find((c) => c.grantor === version.originator);
  if (valid) return { allow: true, reason: 'consent', consentId: valid.id };
  if (covering.length > 0) {
    return deny(
      'consent-not-from-originator',
      `consent ${covering[0]?.id} was given by ${covering[0]?.grantor}, but only ${version.originator}, the originating Party, can consent`,
    );
  }
  if (recipient.kind === 'party') {
    return deny(
      'not-in-force',
      `the Agreement is not in force for ${recipient.party} on ${date}; as a third party it needs written consent of ${version.originator}`,
    );
  }
  return deny(
    'third-party-no-consent',
    `${who} is a third party and no written consent of ${version.originator} covers object ${version.id} for it on ${date}`,
  );
}

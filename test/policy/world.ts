// A random world for the property tests: markings chosen from every kind, consents in every
// state, Parties in and out of force. Alongside each input it keeps the raw choices, so the
// properties can state what must hold without asking the code under test.
import fc from 'fast-check';
import {
  CHANNELS,
  type Consent,
  classificationMarking,
  createMarkingResolver,
  type DecisionInput,
  PARTY_CODES,
  type Recipient,
  releasabilityMarking,
  restrictedAccessMarking,
  TLP_ORDER,
  TLP1_IDS,
  TLP2_IDS,
  type TlpLevel,
} from '../../src/policy/index.js';

export const OBJECT_ID = 'indicator--0f7c5b1e-2f5d-4a53-9a57-6a1b5e3c0d11';
const THIRD = ['identity--un', 'identity--nato', 'identity--vendor'];
const ORGS = ['identity--kz-cert', 'identity--by-cert'];
const LEVELS = ['Секретно', 'Совершенно секретно', 'Особой важности'];

const TLP_CHOICES: readonly [string, TlpLevel][] = [
  ...Object.entries(TLP2_IDS).map(([l, i]) => [i, l as TlpLevel] as [string, TlpLevel]),
  [TLP1_IDS.white, 'clear'],
  [TLP1_IDS.green, 'green'],
  [TLP1_IDS.amber, 'amber'],
  [TLP1_IDS.red, 'red'],
];

const day = fc
  .integer({ min: 0, max: 8 * 365 })
  .map((n) => new Date(Date.UTC(2019, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const party = fc.constantFrom(...PARTY_CODES);
export const recipientArb: fc.Arbitrary<Recipient> = fc.oneof(
  fc.record({ kind: fc.constant('party' as const), party }),
  fc.record({ kind: fc.constant('party' as const), party, org: fc.constantFrom(...ORGS) }),
  fc.record({ kind: fc.constant('third-party' as const), id: fc.constantFrom(...THIRD) }),
);

type Placed<T> = { what: T; granular: boolean };
const placed = <T>(a: fc.Arbitrary<T>) =>
  fc.array(fc.record({ what: a, granular: fc.boolean() }), { maxLength: 2 });

export interface Choices {
  tlps: Placed<[string, TlpLevel]>[];
  rels: Placed<{ parties: string[]; recipients: string[] }>[];
  classes: Placed<{ party: string; level: string }>[];
  restricted: Placed<string>[];
  unknown: Placed<string>[];
}

const choicesArb: fc.Arbitrary<Choices> = fc.record({
  tlps: placed(fc.constantFrom(...TLP_CHOICES)),
  rels: placed(
    fc.record({
      parties: fc.subarray([...PARTY_CODES]),
      recipients: fc.subarray(ORGS),
    }),
  ),
  classes: fc.oneof(
    { weight: 3, arbitrary: fc.constant<Choices['classes']>([]) },
    { weight: 1, arbitrary: placed(fc.record({ party, level: fc.constantFrom(...LEVELS) })) },
  ),
  restricted: placed(party),
  unknown: fc.oneof(
    { weight: 4, arbitrary: fc.constant<Choices['unknown']>([]) },
    { weight: 1, arbitrary: placed(fc.constant('marking-definition--unknown')) },
  ),
});

const consentArb = (dates: fc.Arbitrary<string>): fc.Arbitrary<Consent> =>
  fc
    .record({
      status: fc.constantFrom('requested', 'granted', 'refused', 'withdrawn'),
      grantor: fc.oneof({ weight: 3, arbitrary: fc.constant('RU') }, { weight: 1, arbitrary: party }),
      requester: party,
      recipient: recipientArb,
      forThis: fc.boolean(),
      a: dates,
      b: dates,
      c: dates,
    })
    .map(({ status, grantor, requester, recipient, forThis, a, b, c }) => {
      const [granted, withdrawn, until] = [a, b, c].sort();
      const base = {
        id: `x-accord-consent--${grantor}-${requester}-${a}`,
        objectIds: forThis ? [OBJECT_ID] : ['indicator--other'],
        requester,
        grantor,
        recipient,
        purpose: 'p',
        validUntil: until as string,
        requestedAt: `${granted}T00:00:00Z`,
        requestedBy: 'u',
      };
      const at = `${granted}T12:00:00Z`;
      switch (status) {
        case 'requested':
          return { ...base, status };
        case 'refused':
          return { ...base, status, refusedAt: at, refusedBy: 'l' };
        case 'granted':
          return { ...base, status, grantedAt: at, grantedBy: 'l' };
        default:
          return {
            ...base,
            status: 'withdrawn',
            grantedAt: at,
            grantedBy: 'l',
            withdrawnAt: `${withdrawn}T06:00:00Z`,
            withdrawnBy: 'l',
          };
      }
    });

export interface World {
  input: DecisionInput;
  choices: Choices;
}

function build(choices: Choices): { object: Record<string, unknown>; defs: Record<string, unknown>[] } {
  const refs: string[] = [];
  const granular: string[] = [];
  const defs: Record<string, unknown>[] = [];
  const put = (id: string, g: boolean) => (g ? granular : refs).push(id);
  for (const t of choices.tlps) put(t.what[0], t.granular);
  for (const r of choices.rels) {
    const md = releasabilityMarking(r.what.parties, r.what.recipients);
    defs.push(md);
    put(md.id as string, r.granular);
  }
  for (const c of choices.classes) {
    const md = classificationMarking(c.what.party, c.what.level);
    defs.push(md);
    put(md.id as string, c.granular);
  }
  for (const p of choices.restricted) {
    const md = restrictedAccessMarking(p.what, {
      native: 'для служебного пользования',
      en: 'for official use only',
    });
    defs.push(md);
    put(md.id as string, p.granular);
  }
  for (const u of choices.unknown) put(u.what, u.granular);
  const object: Record<string, unknown> = { type: 'indicator', id: OBJECT_ID, spec_version: '2.1' };
  if (refs.length) object.object_marking_refs = refs;
  if (granular.length)
    object.granular_markings = granular.map((r) => ({ marking_ref: r, selectors: ['pattern'] }));
  return { object, defs };
}

export const worldArb: fc.Arbitrary<World> = fc
  .record({
    choices: choicesArb,
    recipient: recipientArb,
    originator: fc.oneof({ weight: 3, arbitrary: fc.constant('RU') }, { weight: 1, arbitrary: party }),
    holder: party,
    inForce: fc.subarray([...PARTY_CODES], { minLength: 3 }),
    accreditation: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 6 }),
    date: day,
    channel: fc.constantFrom(...CHANNELS),
    consents: fc.array(fc.record({ consent: consentArb(day), aimed: fc.boolean(), byHolder: fc.boolean() }), {
      maxLength: 4,
    }),
    exercises: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(null, 'ex-a').map((e) => [e, e] as const) },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.constantFrom(null, 'ex-a', 'ex-b'), fc.constantFrom(null, 'ex-a', 'ex-b')),
      },
    ),
  })
  .map((w) => {
    const [dataExercise, askedIn] = w.exercises;
    // Half the consents are aimed at this recipient, half made for this holder, so that
    // covering and almost-covering consents are common rather than a lucky draw.
    const consents = w.consents.map(({ consent, aimed, byHolder }) => ({
      ...consent,
      ...(aimed ? { recipient: w.recipient } : {}),
      ...(byHolder ? { requester: w.holder } : {}),
    }));
    const { object, defs } = build(w.choices);
    const acc = new Map(PARTY_CODES.map((p, i) => [p, w.accreditation[i] ?? 0]));
    const input: DecisionInput = {
      recipient: w.recipient,
      version: {
        id: OBJECT_ID,
        modified: '2024-01-01T00:00:00.000Z',
        originator: w.originator,
        object,
        exercise: dataExercise,
      },
      channel: w.channel,
      date: w.date,
      holder: w.holder,
      partiesInForce: new Set(w.inForce),
      accreditation: acc,
      markings: createMarkingResolver(defs),
      consents,
      exercise: askedIn,
    };
    return { input, choices: w.choices };
  });

// What the raw choices imply, computed here without the code under test.
export function declaredTlp(c: Choices): TlpLevel | null {
  let best = -1;
  for (const t of c.tlps) best = Math.max(best, TLP_ORDER.indexOf(t.what[1]));
  return best < 0 ? null : (TLP_ORDER[best] ?? null);
}
export function maxRank(c: Choices): number {
  return Math.max(0, ...c.classes.map((x) => LEVELS.indexOf(x.what.level) + 1));
}
export function releasedParties(c: Choices): Set<string> | null {
  if (c.rels.length === 0) return null;
  return new Set(PARTY_CODES.filter((p) => c.rels.every((r) => r.what.parties.includes(p))));
}
export function releasedOrgs(c: Choices): Set<string> {
  return new Set(ORGS.filter((o) => c.rels.length > 0 && c.rels.every((r) => r.what.recipients.includes(o))));
}
export function isPublic(c: Choices): boolean {
  return (
    declaredTlp(c) === 'clear' &&
    maxRank(c) === 0 &&
    c.restricted.length === 0 &&
    c.rels.length === 0 &&
    c.unknown.length === 0
  );
}
/** A consent of the originator naming this object and recipient, usable by the holder on the date. */
export function hasCoveringConsent(input: DecisionInput): boolean {
  const r = input.recipient;
  return input.consents.some((c) => {
    if (c.status !== 'granted' && c.status !== 'withdrawn') return false;
    if (c.grantor !== input.version.originator || !c.objectIds.includes(input.version.id)) return false;
    const same =
      r.kind === 'party'
        ? c.recipient.kind === 'party' && c.recipient.party === r.party
        : c.recipient.kind === 'third-party' && c.recipient.id === r.id;
    if (!same || (input.holder !== c.requester && input.holder !== c.grantor)) return false;
    if (input.date < c.grantedAt.slice(0, 10) || input.date > c.validUntil) return false;
    return !(c.status === 'withdrawn' && input.date >= c.withdrawnAt.slice(0, 10));
  });
}

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CHANNELS, type Consent, type DecisionInput, decide } from '../../src/policy/index.js';
import {
  ACS,
  ALL_PARTIES,
  DSP,
  id,
  OBJECT_ID,
  question,
  REL_KZ_CERT,
  REL_RU_BY,
  SECRET_RU,
  TLP,
  TOP_SECRET_RU,
} from './fixtures.js';

const UN = { kind: 'third-party', id: 'identity--un-ocha', name: 'UN OCHA' } as const;
const WITHOUT_KG: ReadonlySet<string> = new Set([...ALL_PARTIES].filter((p) => p !== 'KG'));

function grant(over: Partial<Consent> = {}): Consent {
  return {
    id: 'x-accord-consent--1',
    objectIds: [OBJECT_ID],
    requester: 'BY',
    grantor: 'RU',
    recipient: UN,
    purpose: 'joint response',
    validUntil: '2024-12-31',
    requestedAt: '2024-05-01T09:00:00Z',
    requestedBy: 'user-by-1',
    status: 'granted',
    grantedAt: '2024-05-02T10:00:00Z',
    grantedBy: 'liaison-ru',
    ...over,
  } as Consent;
}

const withdrawn = (at: string): Consent =>
  ({ ...grant(), status: 'withdrawn', withdrawnAt: at, withdrawnBy: 'liaison-ru' }) as Consent;

type Case = [name: string, input: DecisionInput, reason: string, allow: boolean];

const cases: Case[] = [
  // invalid question
  ['a date that is not a day', question({ date: '1 June 2024' }), 'invalid-input', false],
  // exercises
  [
    'exercise data asked for in the real world',
    question({ version: { ...question().version, exercise: 'cyber-shield-2024' } }),
    'exercise-mismatch',
    false,
  ],
  [
    'real data asked for in an exercise',
    question({ exercise: 'cyber-shield-2024' }),
    'exercise-mismatch',
    false,
  ],
  [
    'exercise data asked for in another exercise',
    question({ version: { ...question().version, exercise: 'a' }, exercise: 'b' }),
    'exercise-mismatch',
    false,
  ],
  [
    'exercise data inside its exercise',
    question({ version: { ...question().version, exercise: 'a' }, exercise: 'a' }),
    'tlp-green',
    true,
  ],
  [
    'the originator’s own exercise data stays in the exercise',
    question({
      recipient: { kind: 'party', party: 'RU' },
      version: { ...question().version, exercise: 'a' },
    }),
    'exercise-mismatch',
    false,
  ],
  // rule 1: originator
  [
    'the originator sees its own TLP:RED',
    question({ recipient: { kind: 'party', party: 'RU' }, refs: [TLP.red] }),
    'originator',
    true,
  ],
  [
    'the originator sees its own even when not in force',
    question({ recipient: { kind: 'party', party: 'RU' }, partiesInForce: new Set(['BY']) }),
    'originator',
    true,
  ],
  [
    'the originator sees its own whatever markings it used',
    question({
      recipient: { kind: 'party', party: 'RU' },
      refs: ['marking-definition--unknown', id(TOP_SECRET_RU)],
    }),
    'originator',
    true,
  ],
  // fail closed
  [
    'an unresolvable marking',
    question({ refs: [TLP.green, 'marking-definition--unknown'] }),
    'unknown-marking',
    false,
  ],
  ['an unreadable foreign marking', question({ refs: [TLP.green, id(ACS)] }), 'unknown-marking', false],
  // rule 2: in force
  [
    'a Party not in force is a third party',
    question({ recipient: { kind: 'party', party: 'KG' }, partiesInForce: WITHOUT_KG }),
    'not-in-force',
    false,
  ],
  [
    'a Party not in force still gets TLP:CLEAR',
    question({ recipient: { kind: 'party', party: 'KG' }, partiesInForce: WITHOUT_KG, refs: [TLP.clear] }),
    'tlp-clear',
    true,
  ],
  [
    'a code that is no Party at all',
    question({ recipient: { kind: 'party', party: 'US' } }),
    'not-in-force',
    false,
  ],
  // rule 3: classification
  [
    'Secret to a Party accredited for nothing',
    question({ recipient: { kind: 'party', party: 'KG' }, refs: [id(SECRET_RU)] }),
    'above-accreditation',
    false,
  ],
  [
    'Top Secret to a Party accredited for Secret',
    question({ recipient: { kind: 'party', party: 'KZ' }, refs: [id(TOP_SECRET_RU)] }),
    'above-accreditation',
    false,
  ],
  ['Top Secret to a Party accredited for it', question({ refs: [id(TOP_SECRET_RU)] }), 'tlp-amber', true],
  [
    'a granular classification counts',
    question({ recipient: { kind: 'party', party: 'KG' }, granular: [id(SECRET_RU)] }),
    'above-accreditation',
    false,
  ],
  [
    'accreditation given as a function',
    question({ refs: [id(SECRET_RU)], accreditation: (p) => (p === 'BY' ? 0 : 3) }),
    'above-accreditation',
    false,
  ],
  // rule 4: TLP and releasability
  ['TLP:CLEAR to a Party', question({ refs: [TLP.clear] }), 'tlp-clear', true],
  ['TLP:GREEN to a Party in force', question({ refs: [TLP.green] }), 'tlp-green', true],
  ['TLP:AMBER with no list reaches every Party in force', question({ refs: [TLP.amber] }), 'tlp-amber', true],
  ['TLP:AMBER+STRICT with no list', question({ refs: [TLP['amber+strict']] }), 'tlp-amber-strict', true],
  ['an unmarked object is AMBER among the Parties', question({ refs: [] }), 'tlp-amber', true],
  ['restricted access alone is AMBER among the Parties', question({ refs: [id(DSP)] }), 'tlp-amber', true],
  [
    'TLP:AMBER released to RU, BY reaches BY',
    question({ refs: [TLP.amber, id(REL_RU_BY)] }),
    'tlp-amber',
    true,
  ],
  [
    'TLP:AMBER released to RU, BY does not reach KZ',
    question({ recipient: { kind: 'party', party: 'KZ' }, refs: [TLP.amber, id(REL_RU_BY)] }),
    'not-released-to-party',
    false,
  ],
  [
    'TLP:AMBER+STRICT released to RU, BY does not reach KZ',
    question({ recipient: { kind: 'party', party: 'KZ' }, refs: [TLP['amber+strict'], id(REL_RU_BY)] }),
    'not-released-to-party',
    false,
  ],
  [
    'releasability binds TLP:GREEN too',
    question({ recipient: { kind: 'party', party: 'KZ' }, refs: [TLP.green, id(REL_RU_BY)] }),
    'not-released-to-party',
    false,
  ],
  ['TLP:RED with nobody named', question({ refs: [TLP.red] }), 'tlp-red-not-named', false],
  ['TLP:RED to a named Party', question({ refs: [TLP.red, id(REL_RU_BY)] }), 'tlp-red-named', true],
  [
    'TLP:RED to a Party not named',
    question({ recipient: { kind: 'party', party: 'KZ' }, refs: [TLP.red, id(REL_RU_BY)] }),
    'tlp-red-not-named',
    false,
  ],
  [
    'TLP:RED to a named body of a Party',
    question({
      recipient: { kind: 'party', party: 'KZ', org: 'identity--kz-cert' },
      refs: [TLP.red, id(REL_KZ_CERT)],
    }),
    'tlp-red-named',
    true,
  ],
  [
    'TLP:RED to another body of that Party',
    question({ recipient: { kind: 'party', party: 'KZ' }, refs: [TLP.red, id(REL_KZ_CERT)] }),
    'tlp-red-not-named',
    false,
  ],
  [
    'a granular TLP:RED part makes the object RED',
    question({ refs: [TLP.green], granular: [TLP.red] }),
    'tlp-red-not-named',
    false,
  ],
  // rule 5: no widening
  [
    'BY may not pass AMBER released to RU, BY on to KZ',
    question({ holder: 'BY', recipient: { kind: 'party', party: 'KZ' }, refs: [TLP.amber, id(REL_RU_BY)] }),
    'no-widening',
    false,
  ],
  [
    'BY may not pass RED named to BY on to KZ',
    question({ holder: 'BY', recipient: { kind: 'party', party: 'KZ' }, refs: [TLP.red, id(REL_RU_BY)] }),
    'no-widening',
    false,
  ],
  [
    'BY may relay GREEN to KZ: RU’s release reaches KZ anyway',
    question({ holder: 'BY', recipient: { kind: 'party', party: 'KZ' }, refs: [TLP.green] }),
    'tlp-green',
    true,
  ],
  [
    'BY may give RU’s object back to RU',
    question({ holder: 'BY', recipient: { kind: 'party', party: 'RU' }, refs: [TLP.red] }),
    'originator',
    true,
  ],
  // rule 6: third parties
  ['a third party and TLP:GREEN', question({ recipient: UN }), 'third-party-no-consent', false],
  ['a third party and TLP:CLEAR', question({ recipient: UN, refs: [TLP.clear] }), 'tlp-clear', true],
  [
    'a third party and TLP:WHITE (1.0)',
    question({ recipient: UN, refs: ['marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9'] }),
    'tlp-clear',
    true,
  ],
  [
    'CLEAR but restricted access is not public',
    question({ recipient: UN, refs: [TLP.clear, id(DSP)] }),
    'third-party-no-consent',
    false,
  ],
  [
    'CLEAR but releasable to Parties is not public',
    question({ recipient: UN, refs: [TLP.clear, id(REL_RU_BY)] }),
    'third-party-no-consent',
    false,
  ],
  [
    'an unmarked object to a third party',
    question({ recipient: UN, refs: [] }),
    'third-party-no-consent',
    false,
  ],
  [
    'a third party under a covering consent',
    question({ recipient: UN, holder: 'BY', consents: [grant()] }),
    'consent',
    true,
  ],
  [
    'the originator’s own node also needs a consent',
    question({ recipient: UN, holder: 'RU', consents: [] }),
    'third-party-no-consent',
    false,
  ],
  [
    'the originator’s node may rely on its own grant',
    question({ recipient: UN, holder: 'RU', consents: [grant()] }),
    'consent',
    true,
  ],
  [
    'a consent lifts TLP:RED for the recipient it names',
    question({ recipient: UN, holder: 'BY', refs: [TLP.red], consents: [grant()] }),
    'consent',
    true,
  ],
  [
    'a consent never lifts classification',
    question({ recipient: UN, holder: 'BY', refs: [id(SECRET_RU)], consents: [grant()] }),
    'classified-to-third-party',
    false,
  ],
  [
    'a consent for other objects',
    question({ recipient: UN, holder: 'BY', consents: [grant({ objectIds: ['indicator--other'] })] }),
    'third-party-no-consent',
    false,
  ],
  [
    'a consent for another recipient',
    question({
      recipient: UN,
      holder: 'BY',
      consents: [grant({ recipient: { kind: 'third-party', id: 'identity--other' } })],
    }),
    'third-party-no-consent',
    false,
  ],
  [
    'a consent after its end date',
    question({ recipient: UN, holder: 'BY', date: '2025-01-01', consents: [grant()] }),
    'third-party-no-consent',
    false,
  ],
  [
    'a consent on its last day',
    question({ recipient: UN, holder: 'BY', date: '2024-12-31', consents: [grant()] }),
    'consent',
    true,
  ],
  [
    'a consent before its grant',
    question({ recipient: UN, holder: 'BY', date: '2024-05-01', consents: [grant()] }),
    'third-party-no-consent',
    false,
  ],
  [
    'a consent withdrawn before the date',
    question({ recipient: UN, holder: 'BY', consents: [withdrawn('2024-05-20T00:00:00Z')] }),
    'third-party-no-consent',
    false,
  ],
  [
    'a consent withdrawn on the day',
    question({ recipient: UN, holder: 'BY', consents: [withdrawn('2024-06-01T23:00:00Z')] }),
    'third-party-no-consent',
    false,
  ],
  [
    'a consent withdrawn after the date still covers that date',
    question({ recipient: UN, holder: 'BY', consents: [withdrawn('2024-07-01T00:00:00Z')] }),
    'consent',
    true,
  ],
  [
    'a consent only requested',
    question({ recipient: UN, holder: 'BY', consents: [{ ...grant(), status: 'requested' } as Consent] }),
    'third-party-no-consent',
    false,
  ],
  [
    'a consent refused',
    question({
      recipient: UN,
      holder: 'BY',
      consents: [
        {
          ...grant(),
          status: 'refused',
          refusedAt: '2024-05-02T00:00:00Z',
          refusedBy: 'liaison-ru',
        } as Consent,
      ],
    }),
    'third-party-no-consent',
    false,
  ],
  [
    'a consent given by a Party that is not the originator',
    question({ recipient: UN, holder: 'BY', consents: [grant({ grantor: 'BY' })] }),
    'consent-not-from-originator',
    false,
  ],
  [
    'a consent relied on by a Party that did not ask for it',
    question({ recipient: UN, holder: 'KZ', consents: [grant()] }),
    'third-party-no-consent',
    false,
  ],
  [
    'a withdrawn Party under a consent naming it',
    question({
      recipient: { kind: 'party', party: 'KG' },
      partiesInForce: WITHOUT_KG,
      holder: 'BY',
      consents: [grant({ recipient: { kind: 'party', party: 'KG' } })],
    }),
    'consent',
    true,
  ],
];

describe('decide: one row per rule', () => {
  for (const [name, input, reason, allow] of cases) {
    test(name, () => {
      const d = decide(input);
      assert.equal(d.reason, reason, d.allow ? 'allowed' : d.message);
      assert.equal(d.allow, allow);
      if (!d.allow) assert.ok(d.message.length > 10, 'a deny says why in words');
    });
  }
});

describe('decide: details', () => {
  test('a consent decision names the consent relied on', () => {
    const d = decide(question({ recipient: UN, holder: 'BY', consents: [grant()] }));
    assert.deepEqual(d, { allow: true, reason: 'consent', consentId: 'x-accord-consent--1' });
  });

  test('the channel never changes the answer', () => {
    for (const [, input] of cases) {
      const answers = new Set(CHANNELS.map((channel) => JSON.stringify(decide({ ...input, channel }))));
      assert.equal(answers.size, 1);
    }
  });

  test('messages say who and why', () => {
    const d = decide(
      question({ holder: 'BY', recipient: { kind: 'party', party: 'KZ' }, refs: [TLP.amber, id(REL_RU_BY)] }),
    );
    assert.equal(d.allow, false);
    assert.match(
      (d as { message: string }).message,
      /BY is not the originator \(RU\).*released to BY, RU only, not KZ/,
    );
  });
});

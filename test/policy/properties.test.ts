import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { CHANNELS, type DecisionInput, decide, PARTY_CODES } from '../../src/policy/index.js';
import {
  declaredTlp,
  hasCoveringConsent,
  isPublic,
  maxRank,
  releasedOrgs,
  releasedParties,
  worldArb,
} from './world.js';

const RUNS = { numRuns: 2000 };

const isOriginator = (i: DecisionInput) =>
  i.recipient.kind === 'party' && i.recipient.party === i.version.originator;
const isPartyInForce = (i: DecisionInput) =>
  i.recipient.kind === 'party' && i.partiesInForce.has(i.recipient.party);
const accreditationOf = (i: DecisionInput, p: string) =>
  (i.accreditation as ReadonlyMap<string, number>).get(p) ?? 0;

describe('decide: invariants over random worlds', () => {
  test('no object reaches a recipient that the rules exclude', () => {
    fc.assert(
      fc.property(worldArb, ({ input, choices }) => {
        const d = decide(input);
        if (!d.allow) return;
        assert.equal(
          input.version.exercise ?? null,
          input.exercise ?? null,
          'exercise data stays in its exercise',
        );
        if (isOriginator(input)) return;
        assert.equal(choices.unknown.length, 0, 'unreadable markings fail closed');
        const r = input.recipient;
        if (r.kind === 'party' && isPartyInForce(input)) {
          assert.ok(maxRank(choices) <= accreditationOf(input, r.party), 'within accreditation');
          const parties = releasedParties(choices);
          const named =
            (parties?.has(r.party) ?? false) || (r.org !== undefined && releasedOrgs(choices).has(r.org));
          if (parties !== null) assert.ok(named, 'released to that Party or body');
          if (declaredTlp(choices) === 'red') assert.ok(named, 'TLP:RED only to the named');
        } else {
          assert.equal(maxRank(choices), 0, 'no classified information outside the Parties in force');
          assert.ok(isPublic(choices) || hasCoveringConsent(input), 'public or under consent');
        }
      }),
      RUNS,
    );
  });

  test('no non-originator ever widens distribution', () => {
    fc.assert(
      fc.property(worldArb, ({ input }) => {
        if (input.holder === input.version.originator) return;
        if (decide(input).allow) {
          assert.ok(
            decide({ ...input, holder: input.version.originator }).allow,
            'the originator could have sent it too',
          );
        }
      }),
      RUNS,
    );
  });

  test('a third party never gets a non-CLEAR object without a covering consent', () => {
    fc.assert(
      fc.property(worldArb, ({ input, choices }) => {
        if (isOriginator(input) || isPartyInForce(input)) return;
        const d = decide(input);
        if (!d.allow) return;
        if (d.reason === 'tlp-clear') assert.ok(isPublic(choices));
        else {
          assert.equal(d.reason, 'consent');
          assert.ok(hasCoveringConsent(input));
        }
      }),
      RUNS,
    );
  });

  test('a withdrawn Party gets nothing dated after its withdrawal but what is public or consented', () => {
    const timeline = fc.record({
      party: fc.constantFrom(...PARTY_CODES.filter((p) => p !== 'RU')),
      withdrawal: fc.integer({ min: 0, max: 2000 }),
      after: fc.integer({ min: 0, max: 900 }),
    });
    fc.assert(
      fc.property(worldArb, timeline, fc.boolean(), ({ input, choices }, t, noConsents) => {
        const asDay = (n: number) =>
          new Date(Date.UTC(2019, 3, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const date = asDay(t.withdrawal + t.after);
        // In force for everyone from 2019-04-01 until its withdrawal for the withdrawn Party.
        const inForce = new Set(PARTY_CODES.filter((p) => p !== t.party));
        const q: DecisionInput = {
          ...input,
          date,
          partiesInForce: inForce,
          recipient: { kind: 'party', party: t.party },
          version: { ...input.version, originator: 'RU' },
          consents: noConsents ? [] : input.consents,
        };
        const d = decide(q);
        if (!d.allow) return;
        assert.ok(d.reason === 'tlp-clear' || d.reason === 'consent', d.reason);
        if (d.reason === 'tlp-clear') assert.ok(isPublic(choices));
        if (noConsents) assert.equal(d.reason, 'tlp-clear');
        else if (d.reason === 'consent') assert.ok(hasCoveringConsent(q));
      }),
      RUNS,
    );
  });

  test('the channel never changes the decision', () => {
    fc.assert(
      fc.property(worldArb, ({ input }) => {
        const first = JSON.stringify(decide({ ...input, channel: CHANNELS[0] }));
        for (const channel of CHANNELS) assert.equal(JSON.stringify(decide({ ...input, channel })), first);
      }),
      { numRuns: 300 },
    );
  });

  test('the originator always receives its own, within its exercise', () => {
    fc.assert(
      fc.property(worldArb, ({ input }) => {
        const q: DecisionInput = {
          ...input,
          recipient: { kind: 'party', party: input.version.originator },
          exercise: input.version.exercise ?? null,
        };
        assert.deepEqual(decide(q), { allow: true, reason: 'originator' });
      }),
      { numRuns: 300 },
    );
  });

  test('decide is pure: same answer twice, input untouched', () => {
    fc.assert(
      fc.property(worldArb, ({ input }) => {
        const before = JSON.stringify({
          ...input,
          partiesInForce: [...input.partiesInForce],
          markings: undefined,
        });
        const a = decide(input);
        const b = decide(input);
        assert.deepEqual(a, b);
        assert.equal(
          JSON.stringify({ ...input, partiesInForce: [...input.partiesInForce], markings: undefined }),
          before,
        );
      }),
      { numRuns: 300 },
    );
  });
});

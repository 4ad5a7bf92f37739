import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type AgreementEvent,
  agreementStatus,
  defaultAgreement,
  isInForceFor,
  type PartyStatusEntry,
  partiesInForce,
} from '../../src/agreement/index.js';
import {
  closeConsultation,
  csto,
  enterIntoForce,
  FOUR,
  notify,
  openConsultation,
  protocol,
  SIGNED,
  withdraw,
} from './builders.js';

function stateOf(events: AgreementEvent[], at: string, code: string): Omit<PartyStatusEntry, 'code'> {
  const entry = agreementStatus(csto(), events, at).parties.find((p) => p.code === code);
  assert.ok(entry, `no status for ${code}`);
  const { code: _, ...status } = entry;
  return status;
}

describe('the default data (2017 Agreement)', () => {
  const def = defaultAgreement();
  it('is not in force on 31 March 2019; all six are signatories', () => {
    const s = agreementStatus(def, def.events, '2019-03-31');
    assert.equal(s.inForce, false);
    assert.equal(s.since, undefined);
    assert.deepEqual(
      s.parties.map((p) => [p.code, p.state]),
      ['AM', 'BY', 'KZ', 'KG', 'RU', 'TJ'].map((c) => [c, 'signatory']),
    );
  });
  it('is in force on 1 April 2019 for BY, KZ, KG and TJ; AM and RU are signatories', () => {
    const s = agreementStatus(def, def.events, '2019-04-01');
    assert.equal(s.inForce, true);
    assert.equal(s.since, '2019-04-01');
    assert.deepEqual(s.parties, [
      { code: 'AM', state: 'signatory', signedOn: '2017-11-30' },
      { code: 'BY', state: 'in-force', since: '2019-04-01' },
      { code: 'KZ', state: 'in-force', since: '2019-04-01' },
      { code: 'KG', state: 'in-force', since: '2019-04-01' },
      { code: 'RU', state: 'signatory', signedOn: '2017-11-30' },
      { code: 'TJ', state: 'in-force', since: '2019-04-01' },
    ]);
    assert.deepEqual(partiesInForce(s), ['BY', 'KZ', 'KG', 'TJ']);
  });
  it('names no signatory before the signature', () => {
    const s = agreementStatus(def, def.events, '2017-11-29');
    assert.ok(s.parties.every((p) => p.state === 'not-signatory'));
  });
  it('lets an operator record a later notification from Armenia', () => {
    const events = [...def.events, notify('AM', '2021-05-10')];
    assert.deepEqual(stateOf(events, '2021-05-09', 'AM'), { state: 'signatory', signedOn: '2017-11-30' });
    assert.deepEqual(stateOf(events, '2021-05-10', 'AM'), { state: 'in-force', since: '2021-05-10' });
  });
});

describe('entry into force on the N-th notification (N = 4)', () => {
  const three = FOUR.slice(0, -1);
  const rows: {
    name: string;
    events: AgreementEvent[];
    at: string;
    inForce: boolean;
    since?: string;
    bound: string[];
  }[] = [
    { name: 'three notifications: not in force', events: three, at: '2030-01-01', inForce: false, bound: [] },
    {
      name: 'the fourth, on its day: in force for all four',
      events: FOUR,
      at: '2019-04-01',
      inForce: true,
      since: '2019-04-01',
      bound: ['BY', 'KZ', 'KG', 'TJ'],
    },
    {
      name: 'the day before the fourth: not in force',
      events: FOUR,
      at: '2019-03-31',
      inForce: false,
      bound: [],
    },
    {
      name: 'a fifth later: not yet in force for it',
      events: [...FOUR, notify('AM', '2020-02-10')],
      at: '2020-02-09',
      inForce: true,
      since: '2019-04-01',
      bound: ['BY', 'KZ', 'KG', 'TJ'],
    },
    {
      name: 'a fifth later: in force for it on its own date',
      events: [...FOUR, notify('AM', '2020-02-10')],
      at: '2020-02-10',
      inForce: true,
      since: '2019-04-01',
      bound: ['AM', 'BY', 'KZ', 'KG', 'TJ'],
    },
    {
      name: 'two notifications the same day reaching N: in force for both',
      events: [
        ...FOUR.slice(0, -2),
        notify('TJ', '2019-04-01'),
        notify('KG', '2019-04-01'),
        notify('RU', '2019-04-01'),
      ],
      at: '2019-04-01',
      inForce: true,
      since: '2019-04-01',
      bound: ['BY', 'KZ', 'KG', 'RU', 'TJ'],
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const s = agreementStatus(csto(), row.events, row.at);
      assert.equal(s.inForce, row.inForce);
      assert.equal(s.since, row.since);
      assert.deepEqual(partiesInForce(s), row.bound);
    });
  }

  it('gives each early Party the day of entry into force, not its own notification day', () => {
    assert.deepEqual(stateOf(FOUR, '2019-04-01', 'BY'), { state: 'in-force', since: '2019-04-01' });
    assert.deepEqual(stateOf(FOUR, '2019-03-31', 'BY'), {
      state: 'signatory',
      signedOn: '2017-11-30',
      notifiedOn: '2018-06-01',
    });
  });

  it('works from a recorded entry into force when the notifications are not known', () => {
    const events = [
      ...SIGNED,
      enterIntoForce('2019-04-01', ['BY', 'KZ', 'KG', 'TJ']),
      notify('RU', '2022-07-01'),
    ];
    assert.equal(agreementStatus(csto(), events, '2019-03-31').inForce, false);
    assert.deepEqual(partiesInForce(agreementStatus(csto(), events, '2019-04-01')), ['BY', 'KZ', 'KG', 'TJ']);
    assert.deepEqual(stateOf(events, '2022-07-01', 'RU'), { state: 'in-force', since: '2022-07-01' });
  });
});

describe('withdrawal takes effect six calendar months after the notice', () => {
  const rows: { notice: string; effective: string }[] = [
    { notice: '2019-08-31', effective: '2020-02-29' }, // leap year: last day of February
    { notice: '2020-08-31', effective: '2021-02-28' },
    { notice: '2020-02-29', effective: '2020-08-29' },
    { notice: '2019-04-01', effective: '2019-10-01' }, // the day it entered into force
    { notice: '2021-03-31', effective: '2021-09-30' },
  ];
  const dayBefore = (d: string) =>
    new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  for (const { notice, effective } of rows) {
    it(`notice received ${notice}: pending until ${dayBefore(effective)}, withdrawn on ${effective}`, () => {
      const events = [...FOUR, withdraw('KZ', notice)];
      assert.deepEqual(stateOf(events, notice, 'KZ'), {
        state: 'withdrawal-pending',
        since: '2019-04-01',
        noticeReceivedOn: notice,
        effectiveOn: effective,
      });
      const before = agreementStatus(csto(), events, dayBefore(effective));
      assert.equal(isInForceFor(before, 'KZ'), true, 'a pending withdrawal still binds');
      const on = agreementStatus(csto(), events, effective);
      assert.equal(isInForceFor(on, 'KZ'), false);
      assert.deepEqual(stateOf(events, effective, 'KZ'), {
        state: 'withdrawn',
        inForceFrom: '2019-04-01',
        noticeReceivedOn: notice,
        since: effective,
      });
    });
  }

  it('leaves the Agreement in force for the others', () => {
    const s = agreementStatus(csto(), [...FOUR, withdraw('KZ', '2019-08-31')], '2021-01-01');
    assert.equal(s.inForce, true);
    assert.deepEqual(partiesInForce(s), ['BY', 'KG', 'TJ']);
  });

  it('ends the Agreement when no Party remains bound', () => {
    const events = [...FOUR, ...['BY', 'KZ', 'KG', 'TJ'].map((p) => withdraw(p, '2020-01-15'))];
    assert.equal(agreementStatus(csto(), events, '2020-07-14').inForce, true);
    const s = agreementStatus(csto(), events, '2020-07-15');
    assert.equal(s.inForce, false);
    assert.equal(s.since, undefined);
  });
});

describe('protocols and consultations', () => {
  it('lists a protocol from the day it enters into force', () => {
    const events = [...FOUR, protocol('P-1', '2021-01-01')];
    assert.deepEqual(agreementStatus(csto(), events, '2020-12-31').protocols, []);
    assert.deepEqual(agreementStatus(csto(), events, '2021-01-01').protocols, [
      { protocol: 'P-1', since: '2021-01-01' },
    ]);
  });

  it('lists a consultation while it is open and changes no Party state (Article 14)', () => {
    const events = [
      ...FOUR,
      openConsultation('D-1', '2020-03-01', ['BY', 'KZ']),
      closeConsultation('D-1', '2020-05-01'),
    ];
    const without = agreementStatus(csto(), FOUR, '2020-04-01');
    const during = agreementStatus(csto(), events, '2020-04-01');
    assert.deepEqual(during.parties, without.parties);
    assert.equal(during.inForce, true);
    assert.deepEqual(during.consultations, [
      { consultation: 'D-1', parties: ['BY', 'KZ'], openedOn: '2020-03-01' },
    ]);
    assert.deepEqual(agreementStatus(csto(), events, '2020-05-01').consultations, []);
  });
});

describe('the status as a pure function of the events', () => {
  it('ignores events that break a rule', () => {
    const events = [
      ...FOUR,
      notify('XX', '2019-01-01'),
      withdraw('AM', '2020-01-01'),
      notify('KZ', '2020-01-01'),
    ];
    assert.deepEqual(
      agreementStatus(csto(), events, '2021-01-01'),
      agreementStatus(csto(), FOUR, '2021-01-01'),
    );
  });

  it('does not depend on the order events were recorded in', () => {
    const events = [
      ...FOUR,
      notify('AM', '2020-02-10'),
      withdraw('KZ', '2019-08-31'),
      openConsultation('D', '2019-05-01', ['BY', 'TJ']),
    ];
    fc.assert(
      fc.property(
        fc.shuffledSubarray(events, { minLength: events.length }),
        fc.constantFrom('2019-03-31', '2019-04-01', '2020-02-29', '2021-01-01'),
        (shuffled, at) => {
          assert.deepEqual(agreementStatus(csto(), shuffled, at), agreementStatus(csto(), events, at));
        },
      ),
    );
  });

  it('refuses a date that is not a calendar date', () => {
    assert.throws(() => agreementStatus(csto(), FOUR, '2019-02-30'), RangeError);
  });
});

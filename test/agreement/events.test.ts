import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AGREEMENT_RULES,
  type AgreementEvent,
  type AgreementRule,
  applyEvent,
  validateEvent,
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
  sign,
  withdraw,
} from './builders.js';

const RECORDED_EIF = [...SIGNED, enterIntoForce('2019-04-01', ['BY', 'KZ', 'KG', 'TJ'])];
const WITHDRAWN_KZ = [...FOUR, withdraw('KZ', '2019-08-31')]; // effective 2020-02-29

interface Refusal {
  name: string;
  existing: AgreementEvent[];
  event: AgreementEvent;
  rule: AgreementRule;
  today?: string;
  /** Set when the event is refused for what it does to an event already recorded. */
  knockOn?: boolean;
}

const REFUSED: Refusal[] = [
  {
    name: 'a date that does not exist',
    existing: SIGNED,
    event: notify('BY', '2019-02-30'),
    rule: 'invalid-date',
  },
  {
    name: 'a date after today',
    existing: SIGNED,
    event: notify('BY', '2030-01-01'),
    rule: 'date-in-future',
    today: '2025-06-01',
  },
  {
    name: 'no source',
    existing: SIGNED,
    event: { ...notify('BY', '2019-01-01'), source: ' ' },
    rule: 'missing-source',
  },
  { name: 'an unknown Party', existing: SIGNED, event: notify('UZ', '2019-01-01'), rule: 'unknown-party' },
  {
    name: 'an unknown Party among several',
    existing: FOUR,
    event: openConsultation('D', '2020-01-01', ['BY', 'XX']),
    rule: 'unknown-party',
  },
  {
    name: 'an event before the Agreement was signed',
    existing: SIGNED,
    event: notify('BY', '2017-11-29'),
    rule: 'before-agreement-signature',
  },
  {
    name: 'a signature before the Agreement was signed',
    existing: [],
    event: sign('BY', '2017-01-01'),
    rule: 'before-agreement-signature',
  },
  {
    name: 'a second signature',
    existing: SIGNED,
    event: sign('BY', '2018-01-01'),
    rule: 'duplicate-signature',
  },
  {
    name: 'a notification from a Party that has not signed',
    existing: [],
    event: notify('BY', '2018-01-01'),
    rule: 'notification-before-signature',
  },
  {
    name: 'a notification before the Party signed',
    existing: [sign('BY', '2018-05-01')],
    event: notify('BY', '2018-04-30'),
    rule: 'notification-before-signature',
  },
  {
    name: 'a second notification',
    existing: FOUR,
    event: notify('BY', '2020-01-01'),
    rule: 'duplicate-notification',
  },
  {
    name: 'a notification from a Party that has withdrawn',
    existing: WITHDRAWN_KZ,
    event: notify('KZ', '2021-01-01'),
    rule: 'notification-after-withdrawal',
  },
  {
    name: 'a notification from a Party whose withdrawal is pending',
    existing: WITHDRAWN_KZ,
    event: notify('KZ', '2019-09-01'),
    rule: 'notification-after-withdrawal',
  },
  {
    name: 'an entry into force for fewer Parties than required',
    existing: SIGNED,
    event: enterIntoForce('2019-04-01', ['BY', 'KZ', 'KG']),
    rule: 'entry-into-force-too-few-parties',
  },
  {
    name: 'an entry into force listing a Party that has not signed',
    existing: SIGNED.slice(1, 4),
    event: enterIntoForce('2019-04-01', ['AM', 'BY', 'KZ', 'KG']),
    rule: 'notification-before-signature',
  },
  {
    name: 'an entry into force after the fourth notification',
    existing: FOUR,
    event: enterIntoForce('2019-05-01', ['BY', 'KZ', 'KG', 'TJ']),
    rule: 'already-in-force',
  },
  {
    name: 'a second entry into force',
    existing: RECORDED_EIF,
    event: enterIntoForce('2019-06-01', ['AM', 'BY', 'KZ', 'KG']),
    rule: 'already-in-force',
  },
  {
    name: 'an entry into force leaving out a Party that had notified',
    existing: [...SIGNED, notify('RU', '2019-01-10')],
    event: enterIntoForce('2019-04-01', ['BY', 'KZ', 'KG', 'TJ']),
    rule: 'conflicts-with-entry-into-force',
  },
  {
    name: 'a listed Party notifying after the recorded entry into force',
    existing: RECORDED_EIF,
    event: notify('BY', '2019-06-01'),
    rule: 'conflicts-with-entry-into-force',
  },
  {
    name: 'an unlisted Party notifying before the recorded entry into force',
    existing: RECORDED_EIF,
    event: notify('RU', '2019-03-01'),
    rule: 'conflicts-with-entry-into-force',
    knockOn: true,
  },
  {
    name: 'an unlisted Party notifying on the day of the recorded entry into force',
    existing: RECORDED_EIF,
    event: notify('RU', '2019-04-01'),
    rule: 'conflicts-with-entry-into-force',
  },
  {
    name: 'a withdrawal by a signatory not bound',
    existing: FOUR,
    event: withdraw('AM', '2020-01-01'),
    rule: 'withdrawal-not-in-force',
  },
  {
    name: 'a withdrawal before entry into force',
    existing: FOUR,
    event: withdraw('BY', '2019-03-31'),
    rule: 'withdrawal-not-in-force',
  },
  {
    name: 'a second withdrawal',
    existing: WITHDRAWN_KZ,
    event: withdraw('KZ', '2019-09-30'),
    rule: 'duplicate-withdrawal',
  },
  {
    name: 'a second withdrawal after the first took effect',
    existing: WITHDRAWN_KZ,
    event: withdraw('KZ', '2021-01-01'),
    rule: 'duplicate-withdrawal',
  },
  {
    name: 'a protocol before the Agreement is in force',
    existing: SIGNED,
    event: protocol('P-1', '2018-06-01'),
    rule: 'protocol-before-entry-into-force',
  },
  {
    name: 'a protocol entering into force twice',
    existing: [...FOUR, protocol('P-1', '2020-01-01')],
    event: protocol('P-1', '2021-01-01'),
    rule: 'duplicate-protocol',
  },
  {
    name: 'consultations with one Party',
    existing: FOUR,
    event: openConsultation('D', '2020-01-01', ['BY']),
    rule: 'consultation-too-few-parties',
  },
  {
    name: 'consultations with a Party not bound',
    existing: FOUR,
    event: openConsultation('D', '2020-01-01', ['BY', 'AM']),
    rule: 'consultation-party-not-in-force',
  },
  {
    name: 'consultations with a Party that has withdrawn',
    existing: WITHDRAWN_KZ,
    event: openConsultation('D', '2020-03-01', ['BY', 'KZ']),
    rule: 'consultation-party-not-in-force',
  },
  {
    name: 'a consultation opened twice',
    existing: [...FOUR, openConsultation('D', '2020-01-01', ['BY', 'KZ'])],
    event: openConsultation('D', '2020-02-01', ['BY', 'TJ']),
    rule: 'duplicate-consultation',
  },
  {
    name: 'closing a consultation never opened',
    existing: FOUR,
    event: closeConsultation('D', '2020-01-01'),
    rule: 'unknown-consultation',
  },
  {
    name: 'closing a consultation before it opened',
    existing: [...FOUR, openConsultation('D', '2020-01-01', ['BY', 'KZ'])],
    event: closeConsultation('D', '2019-12-31'),
    rule: 'unknown-consultation',
  },
  {
    name: 'closing a consultation twice',
    existing: [
      ...FOUR,
      openConsultation('D', '2020-01-01', ['BY', 'KZ']),
      closeConsultation('D', '2020-02-01'),
    ],
    event: closeConsultation('D', '2020-03-01'),
    rule: 'consultation-already-closed',
  },
  // Recorded late, these contradict an event already on record.
  {
    name: 'a withdrawal dated before recorded consultations of that Party',
    existing: [...FOUR, openConsultation('D', '2020-06-01', ['BY', 'KZ'])],
    event: withdraw('BY', '2019-05-01'),
    rule: 'consultation-party-not-in-force',
    knockOn: true,
  },
  {
    name: 'an entry into force before a listed Party’s recorded notification',
    existing: [...SIGNED, notify('BY', '2019-06-01')],
    event: enterIntoForce('2019-04-01', ['BY', 'KZ', 'KG', 'TJ']),
    rule: 'conflicts-with-entry-into-force',
    knockOn: true,
  },
];

describe('a bad event is refused with the rule it breaks', () => {
  for (const row of REFUSED) {
    it(`${row.name}: ${row.rule}`, () => {
      const today = row.today === undefined ? {} : { today: row.today };
      const verdict = validateEvent(csto(), row.existing, row.event, today);
      assert.equal(verdict.ok, false);
      if (verdict.ok) return;
      assert.equal(verdict.rule, row.rule, verdict.message);
      assert.ok(verdict.message.length > 0);
      assert.equal(verdict.message.includes('would contradict'), row.knockOn === true, verdict.message);
      const applied = applyEvent(csto(), row.existing, row.event, today);
      assert.deepEqual(applied, verdict);
    });
  }

  it('covers every rule in the catalogue', () => {
    const tested = new Set(REFUSED.map((r) => r.rule));
    assert.deepEqual(
      Object.keys(AGREEMENT_RULES).filter((rule) => !tested.has(rule as AgreementRule)),
      [],
    );
  });
});

describe('a good event is accepted', () => {
  const ACCEPTED: { name: string; existing: AgreementEvent[]; event: AgreementEvent }[] = [
    { name: 'a signature', existing: [], event: sign('AM') },
    { name: 'a notification on the day of signature', existing: SIGNED, event: notify('AM', '2017-11-30') },
    { name: 'the fourth notification', existing: FOUR.slice(0, -1), event: FOUR.at(-1)! },
    {
      name: 'a fifth notification after entry into force',
      existing: FOUR,
      event: notify('AM', '2020-02-10'),
    },
    {
      name: 'a notification recorded late, dated before others',
      existing: FOUR,
      event: notify('RU', '2018-01-15'),
    },
    {
      name: 'a withdrawal on the day of entry into force',
      existing: FOUR,
      event: withdraw('BY', '2019-04-01'),
    },
    { name: 'a withdrawal on 29 February', existing: FOUR, event: withdraw('BY', '2020-02-29') },
    {
      name: 'a listed Party’s notification dated before the recorded entry into force',
      existing: RECORDED_EIF,
      event: notify('BY', '2018-06-01'),
    },
    {
      name: 'a listed Party’s notification on the day of the recorded entry into force',
      existing: RECORDED_EIF,
      event: notify('KG', '2019-04-01'),
    },
    {
      name: 'a later Party’s notification after the recorded entry into force',
      existing: RECORDED_EIF,
      event: notify('RU', '2019-04-02'),
    },
    { name: 'a protocol once in force', existing: FOUR, event: protocol('P-1', '2020-01-01') },
    {
      name: 'consultations during a pending withdrawal',
      existing: WITHDRAWN_KZ,
      event: openConsultation('D', '2020-02-28', ['BY', 'KZ']),
    },
    {
      name: 'closing an open consultation',
      existing: [...FOUR, openConsultation('D', '2020-01-01', ['BY', 'KZ'])],
      event: closeConsultation('D', '2020-01-01'),
    },
    { name: 'an event dated today', existing: FOUR, event: notify('AM', '2025-06-01') },
  ];
  for (const row of ACCEPTED) {
    it(row.name, () => {
      assert.deepEqual(validateEvent(csto(), row.existing, row.event, { today: '2025-06-01' }), { ok: true });
    });
  }

  it('applyEvent returns the log in date order', () => {
    const applied = applyEvent(csto(), FOUR, notify('RU', '2018-01-15'));
    assert.ok(applied.ok);
    if (!applied.ok) return;
    const dates = applied.events.map((e) => e.date);
    assert.deepEqual(dates, [...dates].sort());
    assert.equal(applied.events.length, FOUR.length + 1);
  });

  it('does not change the events it is given', () => {
    const existing = [...FOUR];
    const frozen = JSON.stringify(existing);
    applyEvent(csto(), existing, notify('AM', '2020-02-10'));
    assert.equal(JSON.stringify(existing), frozen);
  });
});

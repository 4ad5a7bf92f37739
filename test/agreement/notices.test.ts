import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultAgreement, depositaryNotice } from '../../src/agreement/index.js';
import {
  closeConsultation,
  csto,
  FOUR,
  notify,
  openConsultation,
  protocol,
  SIGNED,
  withdraw,
} from './builders.js';

describe('the depositary notice for a recorded event', () => {
  it('announces entry into force on the fourth notification', () => {
    const n = depositaryNotice(csto(), FOUR.slice(0, -1), FOUR.at(-1)!);
    assert.equal(n.agreement, 'csto-2017-information-security');
    assert.deepEqual(n.agreementInForce, { before: false, after: true, since: '2019-04-01' });
    assert.deepEqual(
      n.changes.map((c) => [c.party, c.before.state, c.after.state]),
      ['BY', 'KZ', 'KG', 'TJ'].map((p) => [p, 'signatory', 'in-force']),
    );
    assert.deepEqual(n.recipients, ['AM', 'BY', 'KZ', 'KG', 'RU', 'TJ']);
    assert.match(n.text.en, /On 1 April 2019 the depositary received/);
    assert.match(n.text.en, /The Agreement entered into force on 1 April 2019\./);
    assert.match(
      n.text.ru,
      /1 апреля 2019 г\. депозитарий получил письменное уведомление Стороны «Кыргызская Республика»/,
    );
    assert.ok(!n.text.ru.includes('..'));
    assert.match(n.subject.ru, /^Уведомление о выполнении внутригосударственных процедур: Соглашение/);
  });

  it('counts notifications while the Agreement is not yet in force', () => {
    const n = depositaryNotice(csto(), SIGNED, notify('BY', '2018-06-01'));
    assert.match(n.text.en, /Notifications received: 1 of the 4 required/);
    assert.match(n.text.ru, /Получено уведомлений: 1 из 4/);
    assert.deepEqual(n.changes, [
      {
        party: 'BY',
        before: { state: 'signatory', signedOn: '2017-11-30' },
        after: { state: 'signatory', signedOn: '2017-11-30', notifiedOn: '2018-06-01' },
      },
    ]);
  });

  it('gives the day a withdrawal takes effect', () => {
    const n = depositaryNotice(csto(), FOUR, withdraw('KZ', '2019-08-31'));
    assert.deepEqual(n.changes, [
      {
        party: 'KZ',
        before: { state: 'in-force', since: '2019-04-01' },
        after: {
          state: 'withdrawal-pending',
          since: '2019-04-01',
          noticeReceivedOn: '2019-08-31',
          effectiveOn: '2020-02-29',
        },
      },
    ]);
    assert.match(n.text.en, /takes effect on 29 February 2020 for the Party: Republic of Kazakhstan \(KZ\)/);
    assert.match(n.text.ru, /вступает в силу 29 февраля 2020 г\./);
    assert.ok(n.recipients.includes('KZ'), 'a Party whose withdrawal is pending is still informed');
  });

  it('is not sent to a Party that has withdrawn', () => {
    const n = depositaryNotice(csto(), [...FOUR, withdraw('KZ', '2019-08-31')], notify('AM', '2020-03-01'));
    assert.deepEqual(n.recipients, ['AM', 'BY', 'KG', 'RU', 'TJ']);
  });

  it('says obligations continue during consultations, and changes no state', () => {
    const n = depositaryNotice(csto(), FOUR, openConsultation('D-1', '2020-01-10', ['BY', 'KZ']));
    assert.deepEqual(n.changes, []);
    assert.match(n.text.en, /continue to fulfil their obligations/);
    const closed = depositaryNotice(
      csto(),
      [...FOUR, openConsultation('D-1', '2020-01-10', ['BY', 'KZ'])],
      closeConsultation('D-1', '2020-02-10'),
    );
    assert.match(closed.text.en, /consultations D-1 closed\.$/);
  });

  it('announces a protocol', () => {
    const n = depositaryNotice(csto(), FOUR, protocol('P-1', '2020-01-10'));
    assert.match(n.text.en, /protocol amending the Agreement "P-1" entered into force/);
  });

  it('covers the shipped entry into force', () => {
    const def = defaultAgreement();
    const eif = def.events.find((e) => e.kind === 'entry-into-force')!;
    const n = depositaryNotice(
      def,
      def.events.filter((e) => e !== eif),
      eif,
    );
    assert.match(
      n.text.en,
      /entered into force for the Parties: Republic of Belarus \(BY\), Republic of Kazakhstan \(KZ\)/,
    );
  });

  it('refuses an event that breaks a rule', () => {
    assert.throws(() => depositaryNotice(csto(), FOUR, notify('BY', '2020-01-01')), /duplicate-notification/);
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  type AgreementDefinition,
  agreementStatus,
  defaultAgreement,
  parseAgreementDefinition,
  parseAgreementEvent,
  validateEvent,
} from '../../src/agreement/index.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
}

function example(): AgreementDefinition {
  const parsed = parseAgreementDefinition(fixture('example-2-of-3.json'));
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.issues));
  return parsed.definition;
}

describe('the default agreement', () => {
  it('is the 2017 CSTO Agreement with its six signatories', () => {
    const def = defaultAgreement();
    assert.equal(def.signed.date, '2017-11-30');
    assert.equal(def.signed.place.en, 'Minsk');
    assert.equal(def.entryIntoForce.notificationsRequired, 4);
    assert.equal(def.withdrawal.noticeMonths, 6);
    assert.deepEqual(
      def.parties.map((p) => p.code),
      ['AM', 'BY', 'KZ', 'KG', 'RU', 'TJ'],
    );
  });

  it('records only sourced events, and nothing for Armenia and Russia after signature', () => {
    const def = defaultAgreement();
    assert.ok(def.events.every((e) => e.source.length > 20));
    const later = def.events.filter((e) => e.kind !== 'signature');
    assert.deepEqual(
      later.map((e) => e.kind),
      ['entry-into-force'],
    );
    assert.ok(!JSON.stringify(later).includes('"AM"') && !JSON.stringify(later).includes('"RU"'));
  });

  it('returns a fresh copy each time', () => {
    const a = defaultAgreement();
    a.parties.pop();
    assert.equal(defaultAgreement().parties.length, 6);
  });
});

describe('another agreement loaded from a file (N = 2, 12-month notice)', () => {
  const rows: { at: string; inForce: boolean; since?: string; states: Record<string, string> }[] = [
    {
      at: '2020-03-14',
      inForce: false,
      states: { XA: 'not-signatory', XB: 'not-signatory', XC: 'not-signatory' },
    },
    { at: '2020-06-01', inForce: false, states: { XA: 'signatory', XB: 'signatory', XC: 'signatory' } },
    {
      at: '2020-09-30',
      inForce: true,
      since: '2020-09-30',
      states: { XA: 'in-force', XB: 'in-force', XC: 'signatory' },
    },
    {
      at: '2021-01-15',
      inForce: true,
      since: '2020-09-30',
      states: { XA: 'in-force', XB: 'in-force', XC: 'in-force' },
    },
    {
      at: '2021-08-31',
      inForce: true,
      since: '2020-09-30',
      states: { XA: 'withdrawal-pending', XB: 'in-force', XC: 'in-force' },
    },
    {
      at: '2022-08-30',
      inForce: true,
      since: '2020-09-30',
      states: { XA: 'withdrawal-pending', XB: 'in-force', XC: 'in-force' },
    },
    {
      at: '2022-08-31',
      inForce: true,
      since: '2020-09-30',
      states: { XA: 'withdrawn', XB: 'in-force', XC: 'in-force' },
    },
  ];
  for (const row of rows) {
    it(`on ${row.at}`, () => {
      const def = example();
      const s = agreementStatus(def, def.events, row.at);
      assert.equal(s.inForce, row.inForce);
      assert.equal(s.since, row.since);
      assert.deepEqual(Object.fromEntries(s.parties.map((p) => [p.code, p.state])), row.states);
    });
  }

  it('gives the withdrawal effect twelve months after the notice', () => {
    const def = example();
    const xa = agreementStatus(def, def.events, '2021-09-01').parties.find((p) => p.code === 'XA');
    assert.deepEqual(xa, {
      code: 'XA',
      state: 'withdrawal-pending',
      since: '2020-09-30',
      noticeReceivedOn: '2021-08-31',
      effectiveOn: '2022-08-31',
    });
  });

  it('clamps a 12-month notice given on 29 February', () => {
    const def = example();
    const events = [
      ...def.events,
      { kind: 'withdrawal-notified' as const, party: 'XB', date: '2024-02-29', source: 't' },
    ];
    const xb = agreementStatus(def, events, '2024-03-01').parties.find((p) => p.code === 'XB');
    assert.equal(xb?.state === 'withdrawal-pending' && xb.effectiveOn, '2025-02-28');
  });

  it('refuses the events its own rules refuse, with its own Parties', () => {
    const def = example();
    const verdict = validateEvent(def, def.events, {
      kind: 'ratification-notified',
      party: 'KZ',
      date: '2021-01-01',
      source: 't',
    });
    assert.deepEqual(verdict.ok === false && verdict.rule, 'unknown-party');
  });
});

describe('parseAgreementDefinition reports what is wrong and where', () => {
  const good = () =>
    fixture('example-2-of-3.json') as Record<string, unknown> & { parties: unknown[]; events: unknown[] };
  const rows: {
    name: string;
    mutate: (d: ReturnType<typeof good>) => unknown;
    path: string;
    code: string;
  }[] = [
    { name: 'not an object', mutate: () => [], path: '$', code: 'type' },
    { name: 'missing title', mutate: (d) => ({ ...d, title: undefined }), path: '$.title', code: 'required' },
    {
      name: 'title without Russian',
      mutate: (d) => ({ ...d, title: { en: 'x' } }),
      path: '$.title.ru',
      code: 'required',
    },
    {
      name: 'bad signature date',
      mutate: (d) => ({ ...d, signed: { date: '2020-02-30', place: { en: 'x', ru: 'x' } } }),
      path: '$.signed.date',
      code: 'invalid-date',
    },
    {
      name: 'N = 0',
      mutate: (d) => ({ ...d, entryIntoForce: { notificationsRequired: 0 } }),
      path: '$.entryIntoForce.notificationsRequired',
      code: 'range',
    },
    {
      name: 'N above the number of Parties',
      mutate: (d) => ({ ...d, entryIntoForce: { notificationsRequired: 4 } }),
      path: '$.entryIntoForce.notificationsRequired',
      code: 'range',
    },
    {
      name: 'notice period not an integer',
      mutate: (d) => ({ ...d, withdrawal: { noticeMonths: 1.5 } }),
      path: '$.withdrawal.noticeMonths',
      code: 'type',
    },
    {
      name: 'bad Party code',
      mutate: (d) => ({
        ...d,
        parties: [{ ...(d.parties[0] as object), code: 'xa' }, ...d.parties.slice(1)],
      }),
      path: '$.parties[0].code',
      code: 'format',
    },
    {
      name: 'duplicate Party',
      mutate: (d) => ({ ...d, parties: [...d.parties, d.parties[0]] }),
      path: '$.parties[3].code',
      code: 'duplicate',
    },
    {
      name: 'misspelt property',
      mutate: (d) => ({ ...d, withdrawl: {} }),
      path: '$.withdrawl',
      code: 'unknown-property',
    },
    {
      name: 'unknown event kind',
      mutate: (d) => ({ ...d, events: [{ kind: 'ratified', party: 'XA', date: '2020-04-01', source: 's' }] }),
      path: '$.events[0].kind',
      code: 'invalid-value',
    },
    {
      name: 'event without source',
      mutate: (d) => ({ ...d, events: [{ kind: 'signature', party: 'XA', date: '2020-04-01' }] }),
      path: '$.events[0].source',
      code: 'required',
    },
    {
      name: 'event that breaks a rule',
      mutate: (d) => ({
        ...d,
        events: [...d.events, { kind: 'withdrawal-notified', party: 'XA', date: '2022-01-01', source: 's' }],
      }),
      path: '$.events[7]',
      code: 'duplicate-withdrawal',
    },
    {
      name: 'notification before signature',
      mutate: (d) => ({
        ...d,
        events: [{ kind: 'ratification-notified', party: 'XA', date: '2020-04-01', source: 's' }],
      }),
      path: '$.events[0]',
      code: 'notification-before-signature',
    },
  ];
  for (const row of rows) {
    it(`${row.name}: ${row.path} ${row.code}`, () => {
      const parsed = parseAgreementDefinition(row.mutate(good()));
      assert.equal(parsed.ok, false);
      if (parsed.ok) return;
      assert.ok(
        parsed.issues.some((i) => i.path === row.path && i.code === row.code),
        JSON.stringify(parsed.issues),
      );
    });
  }

  it('reports several problems at once', () => {
    const parsed = parseAgreementDefinition({ ...good(), title: 1, withdrawal: {} });
    assert.ok(!parsed.ok && parsed.issues.length >= 2);
  });
});

describe('parseAgreementEvent', () => {
  it('reads each kind', () => {
    const events = [
      { kind: 'signature', party: 'AM', date: '2017-11-30', source: 's' },
      { kind: 'ratification-notified', party: 'AM', date: '2020-01-01', source: 's' },
      { kind: 'entry-into-force', parties: ['BY', 'KZ'], date: '2019-04-01', source: 's' },
      {
        kind: 'protocol-in-force',
        protocol: 'P-1',
        title: { en: 'P', ru: 'П' },
        date: '2020-01-01',
        source: 's',
      },
      { kind: 'withdrawal-notified', party: 'KZ', date: '2020-01-01', source: 's' },
      {
        kind: 'consultation-opened',
        consultation: 'D-1',
        parties: ['BY', 'KZ'],
        subject: 'x',
        date: '2020-01-01',
        source: 's',
      },
      {
        kind: 'consultation-closed',
        consultation: 'D-1',
        outcome: 'settled',
        date: '2020-02-01',
        source: 's',
      },
    ];
    for (const e of events) assert.deepEqual(parseAgreementEvent(e), { ok: true, event: e });
  });

  const bad: [string, unknown, string, string][] = [
    ['not an object', 'signature', '$', 'type'],
    ['no kind', { party: 'AM', date: '2020-01-01', source: 's' }, '$.kind', 'required'],
    [
      'bad date',
      { kind: 'signature', party: 'AM', date: '2019-02-29', source: 's' },
      '$.date',
      'invalid-date',
    ],
    [
      'party list empty',
      { kind: 'entry-into-force', parties: [], date: '2019-04-01', source: 's' },
      '$.parties',
      'required',
    ],
    [
      'party listed twice',
      {
        kind: 'consultation-opened',
        consultation: 'D',
        parties: ['BY', 'BY'],
        date: '2019-04-01',
        source: 's',
      },
      '$.parties[1]',
      'duplicate',
    ],
    [
      'field of another kind',
      { kind: 'signature', party: 'AM', parties: ['AM'], date: '2019-04-01', source: 's' },
      '$.parties',
      'unknown-property',
    ],
  ];
  for (const [name, json, path, code] of bad) {
    it(`refuses ${name}: ${path} ${code}`, () => {
      const parsed = parseAgreementEvent(json);
      assert.ok(
        !parsed.ok && parsed.issues.some((i) => i.path === path && i.code === code),
        JSON.stringify(parsed),
      );
    });
  }
});

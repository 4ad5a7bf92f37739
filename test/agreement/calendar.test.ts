import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addMonths, daysInMonth, isIsoDate, parseIsoDate } from '../../src/agreement/calendar.js';

describe('addMonths clamps to the end of a shorter month', () => {
  const cases: [string, number, string][] = [
    ['2019-08-31', 6, '2020-02-29'], // notice on 31 August, leap year: last day of February
    ['2020-08-31', 6, '2021-02-28'], // the same, common year
    ['2020-02-29', 6, '2020-08-29'], // notice on 29 February: the 29th exists six months on
    ['2020-02-29', 12, '2021-02-28'], // a 12-month notice from 29 February ends on the 28th
    ['2019-03-31', 6, '2019-09-30'],
    ['2019-04-01', 6, '2019-10-01'],
    ['2019-12-15', 1, '2020-01-15'], // across the year
    ['2019-07-31', 6, '2020-01-31'],
    ['2019-01-31', 1, '2019-02-28'],
    ['2020-03-31', -1, '2020-02-29'],
    ['2020-05-10', 0, '2020-05-10'],
  ];
  for (const [date, months, expected] of cases) {
    it(`${date} + ${months} months = ${expected}`, () => assert.equal(addMonths(date, months), expected));
  }

  it('refuses a date that is not a calendar date', () => {
    assert.throws(() => addMonths('2019-02-30', 6), RangeError);
  });

  it('lands on a valid date in the target month, never after the original day', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -120, max: 120 }),
        (d, months) => {
          const date = d.toISOString().slice(0, 10);
          const result = addMonths(date, months);
          const from = parseIsoDate(date)!;
          const to = parseIsoDate(result)!;
          assert.ok(isIsoDate(result));
          assert.equal(to.year * 12 + to.month - (from.year * 12 + from.month), months);
          assert.equal(to.day, Math.min(from.day, daysInMonth(to.year, to.month)));
        },
      ),
    );
  });
});

describe('ISO dates', () => {
  const valid = ['2019-04-01', '2020-02-29', '2000-02-29', '2017-11-30', '2019-12-31'];
  const invalid = [
    '2019-02-30',
    '2019-02-29', // not a leap year
    '2100-02-29', // century, not a leap year
    '2019-04-31',
    '2019-13-01',
    '2019-00-10',
    '2019-01-00',
    '2019-4-1',
    '20190401',
    ' 2019-04-01',
    '2019-04-01T00:00:00Z',
    '',
  ];
  for (const date of valid) it(`accepts ${date}`, () => assert.ok(isIsoDate(date)));
  for (const date of invalid)
    it(`refuses ${JSON.stringify(date)}`, () => assert.equal(isIsoDate(date), false));
  it('refuses what is not a string', () => {
    assert.equal(isIsoDate(20190401), false);
    assert.equal(isIsoDate(undefined), false);
  });
});

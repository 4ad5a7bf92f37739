import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStixTimestamp, nowTimestamp, timestampKey } from '../../src/stix/index.js';

describe('isStixTimestamp', () => {
  const valid = [
    '2016-01-20T12:31:12Z',
    '2016-01-20T12:31:12.1Z',
    '2016-01-20T12:31:12.123Z',
    '2016-01-20T12:31:12.123456789Z',
    '2016-02-29T00:00:00Z',
    '2000-02-29T00:00:00Z',
    '2016-12-31T23:59:60Z',
  ];
  for (const s of valid) it(`accepts ${s}`, () => assert.equal(isStixTimestamp(s), true));

  const invalid = [
    '2016-01-20T12:31:12',
    '2016-01-20T12:31:12.Z',
    '2016-01-20 12:31:12Z',
    '2016-01-20t12:31:12z',
    '2016-01-20T12:31:12+00:00',
    '2016-1-20T12:31:12Z',
    '2016-13-01T00:00:00Z',
    '2016-00-01T00:00:00Z',
    '2015-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2016-04-31T00:00:00Z',
    '2016-01-20T24:00:00Z',
    '2016-01-20T12:60:00Z',
    '2016-01-20T12:31:61Z',
    '2016-01-20T12:31:12.12aZ',
    '',
  ];
  for (const s of invalid) it(`rejects ${JSON.stringify(s)}`, () => assert.equal(isStixTimestamp(s), false));

  it('rejects non-strings', () => {
    assert.equal(isStixTimestamp(1453293072000), false);
    assert.equal(isStixTimestamp(null), false);
  });
});

describe('timestampKey', () => {
  it('pads to microseconds', () => {
    assert.equal(timestampKey('2016-01-20T12:31:12Z'), '2016-01-20T12:31:12.000000Z');
    assert.equal(timestampKey('2016-01-20T12:31:12.1Z'), '2016-01-20T12:31:12.100000Z');
    assert.equal(timestampKey('2016-01-20T12:31:12.123Z'), '2016-01-20T12:31:12.123000Z');
    assert.equal(timestampKey('2016-01-20T12:31:12.123456Z'), '2016-01-20T12:31:12.123456Z');
  });

  it('truncates beyond microseconds, so order is kept', () => {
    assert.equal(timestampKey('2016-01-20T12:31:12.9999999Z'), '2016-01-20T12:31:12.999999Z');
    assert.ok(timestampKey('2016-01-20T12:31:12.9999999Z') < timestampKey('2016-01-20T12:31:13Z'));
  });

  it('gives equal instants one key and orders as time does', () => {
    assert.equal(timestampKey('2016-01-20T12:31:12Z'), timestampKey('2016-01-20T12:31:12.000Z'));
    const sorted = ['2016-01-20T12:31:12.5Z', '2016-01-20T12:31:12Z', '2016-01-20T12:31:12.05Z']
      .map(timestampKey)
      .sort();
    assert.deepEqual(sorted, [
      '2016-01-20T12:31:12.000000Z',
      '2016-01-20T12:31:12.050000Z',
      '2016-01-20T12:31:12.500000Z',
    ]);
  });
});

describe('nowTimestamp', () => {
  it('is a STIX timestamp with millisecond precision', () => {
    const now = nowTimestamp();
    assert.match(now, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.ok(isStixTimestamp(now));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateBundle, validateDocument } from '../../src/stix/index.js';
import { INDICATOR, IPV4, MALWARE, RELATIONSHIP, TLP_GREEN_DEFINITION, variant } from './fixtures.js';

const BUNDLE_ID = 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d';

function bundle(objects: unknown, extra: Record<string, unknown> = {}) {
  return { type: 'bundle', id: BUNDLE_ID, objects, ...extra };
}

function pathsAndCodes(issues: { path: string; code: string }[]): [string, string][] {
  return issues.map((i) => [i.path, i.code]);
}

describe('validateBundle', () => {
  it('accepts a bundle of valid objects', () => {
    const result = validateBundle(bundle([INDICATOR, MALWARE, RELATIONSHIP, IPV4, TLP_GREEN_DEFINITION]));
    assert.deepEqual(result, { ok: true, errors: [], warnings: [] });
  });

  it('accepts a bundle without objects', () => {
    assert.equal(validateBundle({ type: 'bundle', id: BUNDLE_ID }).ok, true);
  });

  it('reports object issues under $.objects[i]', () => {
    const objects = [
      INDICATOR,
      MALWARE,
      RELATIONSHIP,
      variant(MALWARE, { modified: '2015-01-01T00:00:00.000Z' }),
    ];
    const result = validateBundle(bundle(objects));
    assert.deepEqual(result.errors, [
      {
        path: '$.objects[3].modified',
        code: 'modified-before-created',
        message: 'modified (2015-01-01T00:00:00.000Z) is earlier than created (2016-04-29T14:09:00.000Z)',
      },
    ]);
  });

  const cases: [string, unknown, [string, string][]][] = [
    ['not an object', 'bundle', [['$', 'not-an-object']]],
    ['a single object', INDICATOR, [['$.type', 'invalid-document']]],
    ['no id', { type: 'bundle', objects: [INDICATOR] }, [['$.id', 'missing-property']]],
    ['an id of another type', bundle([INDICATOR], { id: INDICATOR['id'] }), [['$.id', 'id-type-mismatch']]],
    ['a malformed id', bundle([INDICATOR], { id: 'bundle--1' }), [['$.id', 'invalid-id']]],
    ['objects not a list', bundle({ a: INDICATOR }), [['$.objects', 'invalid-type']]],
    ['an empty objects list', bundle([]), [['$.objects', 'empty-list']]],
    ['a nested bundle', bundle([INDICATOR, bundle([MALWARE])]), [['$.objects[1].type', 'nested-bundle']]],
    ['a non-object item', bundle([INDICATOR, 42]), [['$.objects[1]', 'not-an-object']]],
  ];
  for (const [name, input, expected] of cases) {
    it(`rejects ${name}`, () => {
      const result = validateBundle(input);
      assert.equal(result.ok, false);
      assert.deepEqual(pathsAndCodes(result.errors), expected);
    });
  }

  it('warns about the same object version twice', () => {
    const result = validateBundle(bundle([INDICATOR, MALWARE, INDICATOR]));
    assert.equal(result.ok, true);
    assert.deepEqual(pathsAndCodes(result.warnings), [['$.objects[2].id', 'duplicate-object']]);
  });

  it('reads objects of a STIX 2.0-style bundle without spec_version as 2.1, with warnings', () => {
    const result = validateBundle(
      bundle([variant(MALWARE, { spec_version: undefined })], { spec_version: '2.0' }),
    );
    assert.equal(result.ok, true);
    assert.deepEqual(pathsAndCodes(result.warnings), [
      ['$.spec_version', 'bundle-spec-version'],
      ['$.objects[0].spec_version', 'inherited-spec-version'],
    ]);
  });

  it('still rejects an object without spec_version in a 2.1 bundle', () => {
    const result = validateBundle(bundle([variant(MALWARE, { spec_version: undefined })]));
    assert.deepEqual(pathsAndCodes(result.errors), [['$.objects[0].spec_version', 'missing-property']]);
  });
});

describe('validateDocument', () => {
  it('returns the objects of a valid bundle', () => {
    const result = validateDocument(bundle([INDICATOR, MALWARE]));
    assert.equal(result.ok, true);
    assert.deepEqual(result.objects, [INDICATOR, MALWARE]);
  });

  it('returns a valid single object as a list of one', () => {
    const result = validateDocument(MALWARE);
    assert.equal(result.ok, true);
    assert.deepEqual(result.objects, [MALWARE]);
  });

  it('returns no objects when the document is invalid', () => {
    const result = validateDocument(bundle([INDICATOR, variant(MALWARE, { is_family: 'yes' })]));
    assert.equal(result.ok, false);
    assert.deepEqual(pathsAndCodes(result.errors), [['$.objects[1].is_family', 'invalid-type']]);
    assert.deepEqual(result.objects, []);
  });

  const rejects: [string, unknown][] = [
    ['a list of objects', [INDICATOR]],
    ['a string', 'indicator'],
    ['null', null],
    ['an object without type', { id: INDICATOR['id'] }],
  ];
  for (const [name, doc] of rejects) {
    it(`rejects ${name} with a clear message`, () => {
      const result = validateDocument(doc);
      assert.deepEqual(pathsAndCodes(result.errors), [['$', 'invalid-document']]);
      assert.match(result.errors[0]!.message, /expected a STIX bundle or a STIX object/);
    });
  }
});

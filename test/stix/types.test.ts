import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { objectCategory, objectCategoryOf, SCO_TYPES, SDO_TYPES, SRO_TYPES } from '../../src/stix/index.js';

describe('type sets', () => {
  it('hold the 19 SDOs, 18 SCOs and 2 SROs of STIX 2.1', () => {
    assert.equal(SDO_TYPES.size, 19);
    assert.equal(SCO_TYPES.size, 18);
    assert.equal(SRO_TYPES.size, 2);
  });
});

describe('objectCategory', () => {
  const cases: [string, string][] = [
    ['indicator', 'sdo'],
    ['malware-analysis', 'sdo'],
    ['ipv4-addr', 'sco'],
    ['x509-certificate', 'sco'],
    ['relationship', 'sro'],
    ['sighting', 'sro'],
    ['marking-definition', 'meta'],
    ['extension-definition', 'meta'],
    ['language-content', 'meta'],
    ['bundle', 'meta'],
    ['x-acme-widget', 'custom'],
  ];
  for (const [type, category] of cases)
    it(`${type} is ${category}`, () => assert.equal(objectCategory(type), category));

  it('resolves custom types through new-* extensions', () => {
    const ext = 'extension-definition--9c59fd79-4215-4ba2-920d-3e4f320e1e62';
    assert.equal(
      objectCategoryOf({ type: 'my-sdo', extensions: { [ext]: { extension_type: 'new-sdo' } } }),
      'custom-sdo',
    );
    assert.equal(
      objectCategoryOf({ type: 'my-sco', extensions: { [ext]: { extension_type: 'new-sco' } } }),
      'custom-sco',
    );
    assert.equal(
      objectCategoryOf({ type: 'my-sro', extensions: { [ext]: { extension_type: 'new-sro' } } }),
      'custom-sro',
    );
    assert.equal(
      objectCategoryOf({ type: 'my-thing', extensions: { [ext]: { extension_type: 'toString' } } }),
      'custom',
    );
    assert.equal(
      objectCategoryOf({ type: 'indicator', extensions: { [ext]: { extension_type: 'new-sdo' } } }),
      'sdo',
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ISSUE_CODES, validateObject } from '../../src/stix/index.js';
import {
  EMAIL_ADDR,
  EXT_ID,
  EXTENSION_DEFINITION,
  FILE,
  IDENTITY_ID,
  INDICATOR,
  IPV4,
  type Json,
  LANGUAGE_CONTENT,
  LOCATION,
  MAC,
  MALWARE,
  MALWARE_ID,
  NETWORK_TRAFFIC,
  NEW_SDO,
  OBSERVED_DATA,
  OPINION,
  RELATIONSHIP,
  SIGHTING,
  STATEMENT_MARKING,
  TLP_GREEN,
  TLP_GREEN_DEFINITION,
  VALID_OBJECTS,
  variant,
} from './fixtures.js';

const REL_ID = RELATIONSHIP['id'];
const FILE_ID = FILE['id'];

function pathsAndCodes(issues: { path: string; code: string }[]): [string, string][] {
  return issues.map((i) => [i.path, i.code]);
}

describe('valid objects', () => {
  for (const [name, obj] of Object.entries(VALID_OBJECTS)) {
    it(`${name} has no errors and no warnings`, () => {
      const result = validateObject(obj);
      assert.deepEqual(result.errors, []);
      assert.deepEqual(result.warnings, []);
      assert.equal(result.ok, true);
    });
  }
});

/** [what is broken, object, expected errors as [path, code]…] */
type ErrorCase = [string, unknown, ...[string, string][]];

const ERROR_CASES: ErrorCase[] = [
  // identity of the object
  ['not an object', [INDICATOR], ['$', 'not-an-object']],
  ['missing type', variant(INDICATOR, { type: undefined }), ['$.type', 'missing-property']],
  ['type with capitals', variant(INDICATOR, { type: 'Indicator' }), ['$.type', 'invalid-type-name']],
  ['type with a double hyphen', variant(INDICATOR, { type: 'x--foo' }), ['$.type', 'invalid-type-name']],
  ['missing id', variant(INDICATOR, { id: undefined }), ['$.id', 'missing-property']],
  ['bad id', variant(INDICATOR, { id: 'indicator--1234' }), ['$.id', 'invalid-id']],
  [
    'id with a non-RFC 4122 variant',
    variant(INDICATOR, { id: 'indicator--8e2e2d2b-17d4-4cbf-138f-98ee46b3cd3f' }),
    ['$.id', 'invalid-id'],
  ],
  ['id type prefix mismatch', variant(INDICATOR, { id: MALWARE_ID }), ['$.id', 'id-type-mismatch']],
  [
    'missing spec_version',
    variant(INDICATOR, { spec_version: undefined }),
    ['$.spec_version', 'missing-property'],
  ],
  [
    'wrong spec_version',
    variant(INDICATOR, { spec_version: '2.0' }),
    ['$.spec_version', 'invalid-spec-version'],
  ],
  ['missing created', variant(INDICATOR, { created: undefined }), ['$.created', 'missing-property']],
  [
    'bad timestamp',
    variant(INDICATOR, { created: '2016-04-29 14:09:00.000Z' }),
    ['$.created', 'invalid-timestamp'],
  ],
  [
    'impossible date',
    variant(INDICATOR, { modified: '2016-02-30T00:00:00.000Z' }),
    ['$.modified', 'invalid-timestamp'],
  ],
  [
    'timestamp with an offset',
    variant(INDICATOR, { valid_from: '2016-01-01T00:00:00+01:00' }),
    ['$.valid_from', 'invalid-timestamp'],
  ],
  [
    'created without milliseconds',
    variant(INDICATOR, { created: '2016-04-29T14:09:00Z' }),
    ['$.created', 'timestamp-precision'],
  ],
  [
    'modified before created',
    variant(INDICATOR, { modified: '2016-01-01T00:00:00.000Z' }),
    ['$.modified', 'modified-before-created'],
  ],
  // common properties
  [
    'created_by_ref to a malware',
    variant(INDICATOR, { created_by_ref: MALWARE_ID }),
    ['$.created_by_ref', 'ref-wrong-type'],
  ],
  [
    'created_by_ref not an id',
    variant(INDICATOR, { created_by_ref: 'ACME' }),
    ['$.created_by_ref', 'invalid-ref'],
  ],
  [
    'object_marking_refs to an identity',
    variant(INDICATOR, { object_marking_refs: [TLP_GREEN, IDENTITY_ID] }),
    ['$.object_marking_refs[1]', 'ref-wrong-type'],
  ],
  [
    'empty object_marking_refs',
    variant(INDICATOR, { object_marking_refs: [] }),
    ['$.object_marking_refs', 'empty-list'],
  ],
  ['confidence above 100', variant(INDICATOR, { confidence: 101 }), ['$.confidence', 'out-of-range']],
  ['confidence not an integer', variant(INDICATOR, { confidence: 50.5 }), ['$.confidence', 'invalid-type']],
  ['revoked not a boolean', variant(INDICATOR, { revoked: 'yes' }), ['$.revoked', 'invalid-type']],
  ['bad lang', variant(INDICATOR, { lang: 'english!' }), ['$.lang', 'invalid-lang']],
  ['null property', variant(INDICATOR, { labels: null }), ['$.labels', 'null-value']],
  ['labels not strings', variant(INDICATOR, { labels: ['a', 7] }), ['$.labels[1]', 'invalid-type']],
  ['defanged on an SDO', variant(INDICATOR, { defanged: true }), ['$.defanged', 'property-not-applicable']],
  [
    'external reference with source_name only',
    variant(INDICATOR, { external_references: [{ source_name: 'acme' }] }),
    ['$.external_references[0]', 'external-reference-incomplete'],
  ],
  [
    'external reference without source_name',
    variant(INDICATOR, { external_references: [{ url: 'https://example.com' }] }),
    ['$.external_references[0].source_name', 'missing-property'],
  ],
  [
    'malformed CVE id',
    variant(INDICATOR, { external_references: [{ source_name: 'cve', external_id: 'CVE-14-160' }] }),
    ['$.external_references[0].external_id', 'invalid-external-id'],
  ],
  [
    'bad hash in an external reference',
    variant(INDICATOR, {
      external_references: [{ source_name: 'a', url: 'https://a', hashes: { 'SHA-1': 'abc' } }],
    }),
    ["$.external_references[0].hashes['SHA-1']", 'invalid-hash'],
  ],
  [
    'kill chain phase without phase_name',
    variant(INDICATOR, { kill_chain_phases: [{ kill_chain_name: 'lmco' }] }),
    ['$.kill_chain_phases[0].phase_name', 'missing-property'],
  ],
  // custom properties
  [
    'custom property with upper case',
    variant(INDICATOR, { x_Rank: 1 }),
    ['$.x_Rank', 'invalid-property-name'],
  ],
  ['custom property too short', variant(INDICATOR, { xy: 1 }), ['$.xy', 'invalid-property-name']],
  [
    'custom property with a hyphen',
    variant(INDICATOR, { 'x-rank': 1 }),
    ["$['x-rank']", 'invalid-property-name'],
  ],
  [
    'custom _ref that is not an id',
    variant(INDICATOR, { x_acme_owner_ref: 'bob' }),
    ['$.x_acme_owner_ref', 'invalid-ref'],
  ],
  [
    'custom _hex that is not hex',
    variant(INDICATOR, { x_acme_flags_hex: 'xyz' }),
    ['$.x_acme_flags_hex', 'invalid-hex'],
  ],
  // granular markings
  [
    'selector that does not resolve',
    variant(INDICATOR, {
      granular_markings: [{ marking_ref: TLP_GREEN, selectors: ['description', 'pattern_version'] }],
    }),
    ['$.granular_markings[0].selectors[1]', 'unresolved-selector'],
  ],
  [
    'selector past the end of a list',
    variant(INDICATOR, { granular_markings: [{ marking_ref: TLP_GREEN, selectors: ['labels.[2]'] }] }),
    ['$.granular_markings[0].selectors[0]', 'unresolved-selector'],
  ],
  [
    'selector into a string',
    variant(INDICATOR, { granular_markings: [{ marking_ref: TLP_GREEN, selectors: ['description.[0]'] }] }),
    ['$.granular_markings[0].selectors[0]', 'unresolved-selector'],
  ],
  [
    'selector with JSONPath-style index',
    variant(INDICATOR, { granular_markings: [{ marking_ref: TLP_GREEN, selectors: ['labels[0]'] }] }),
    ['$.granular_markings[0].selectors[0]', 'invalid-selector'],
  ],
  [
    'granular marking with marking_ref and lang',
    variant(INDICATOR, { granular_markings: [{ marking_ref: TLP_GREEN, lang: 'de', selectors: ['name'] }] }),
    ['$.granular_markings[0]', 'granular-marking-choice'],
  ],
  [
    'granular marking_ref to an identity',
    variant(INDICATOR, { granular_markings: [{ marking_ref: IDENTITY_ID, selectors: ['name'] }] }),
    ['$.granular_markings[0].marking_ref', 'ref-wrong-type'],
  ],
  [
    'granular marking without selectors',
    variant(INDICATOR, { granular_markings: [{ lang: 'de' }] }),
    ['$.granular_markings[0].selectors', 'missing-property'],
  ],
  // extensions
  [
    'extension key that is neither',
    variant(INDICATOR, { extensions: { 'my-extension': { rank: 1 } } }),
    ["$.extensions['my-extension']", 'invalid-extension-key'],
  ],
  [
    'extension-definition key with a bad uuid',
    variant(INDICATOR, {
      extensions: { 'extension-definition--1234': { extension_type: 'property-extension' } },
    }),
    ["$.extensions['extension-definition--1234']", 'invalid-extension-key'],
  ],
  [
    'extension without extension_type',
    variant(INDICATOR, { extensions: { [EXT_ID]: { rank: 5 } } }),
    [`$.extensions['${EXT_ID}'].extension_type`, 'missing-extension-type'],
  ],
  [
    'unknown extension_type',
    variant(INDICATOR, { extensions: { [EXT_ID]: { extension_type: 'new-thing' } } }),
    [`$.extensions['${EXT_ID}'].extension_type`, 'invalid-extension-type'],
  ],
  [
    'new-sdo extension on a STIX type',
    variant(INDICATOR, { extensions: { [EXT_ID]: { extension_type: 'new-sdo' } } }),
    [`$.extensions['${EXT_ID}'].extension_type`, 'invalid-extension-type'],
  ],
  [
    'predefined SCO extension on an SDO',
    variant(INDICATOR, { extensions: { 'tcp-ext': { src_flags_hex: '02' } } }),
    ["$.extensions['tcp-ext']", 'extension-not-for-type'],
  ],
  // indicator
  [
    'indicator without pattern',
    variant(INDICATOR, { pattern: undefined }),
    ['$.pattern', 'missing-property'],
  ],
  [
    'indicator without pattern_type',
    variant(INDICATOR, { pattern_type: undefined }),
    ['$.pattern_type', 'missing-property'],
  ],
  ['empty pattern', variant(INDICATOR, { pattern: ' ' }), ['$.pattern', 'empty-value']],
  [
    'valid_until before valid_from',
    variant(INDICATOR, { valid_until: '2015-01-01T00:00:00Z' }),
    ['$.valid_until', 'time-order'],
  ],
  [
    'valid_until equal to valid_from',
    variant(INDICATOR, { valid_until: '2016-01-01T00:00:00.000Z' }),
    ['$.valid_until', 'time-order'],
  ],
  // other SDOs
  ['malware family without name', variant(MALWARE, { name: undefined }), ['$.name', 'missing-property']],
  [
    'malware without is_family',
    variant(MALWARE, { is_family: undefined }),
    ['$.is_family', 'missing-property'],
  ],
  [
    'malware last_seen before first_seen',
    variant(MALWARE, { first_seen: '2020-01-01T00:00:00Z', last_seen: '2019-01-01T00:00:00Z' }),
    ['$.last_seen', 'time-order'],
  ],
  [
    'malware sample_refs to an ip',
    variant(MALWARE, { sample_refs: [IPV4['id']] }),
    ['$.sample_refs[0]', 'ref-wrong-type'],
  ],
  [
    'location without a place',
    variant(LOCATION, { latitude: undefined, longitude: undefined }),
    ['$', 'missing-one-of'],
  ],
  ['location latitude out of range', variant(LOCATION, { latitude: 91 }), ['$.latitude', 'out-of-range']],
  [
    'location latitude without longitude',
    variant(LOCATION, { longitude: undefined, country: 'fr' }),
    ['$.longitude', 'property-requires'],
  ],
  [
    'observed-data count of zero',
    variant(OBSERVED_DATA, { number_observed: 0 }),
    ['$.number_observed', 'out-of-range'],
  ],
  [
    'observed-data of SDOs only',
    variant(OBSERVED_DATA, { object_refs: [INDICATOR['id']] }),
    ['$.object_refs[0]', 'ref-wrong-type'],
    ['$.object_refs', 'missing-one-of'],
  ],
  [
    'observed-data without contents',
    variant(OBSERVED_DATA, { object_refs: undefined }),
    ['$', 'missing-one-of'],
  ],
  ['opinion outside the enumeration', variant(OPINION, { opinion: 'maybe' }), ['$.opinion', 'invalid-enum']],
  // SROs
  [
    'relationship from a relationship',
    variant(RELATIONSHIP, { source_ref: REL_ID }),
    ['$.source_ref', 'ref-wrong-type'],
  ],
  [
    'relationship to a marking definition',
    variant(RELATIONSHIP, { target_ref: TLP_GREEN }),
    ['$.target_ref', 'ref-wrong-type'],
  ],
  [
    'relationship_type with capitals',
    variant(RELATIONSHIP, { relationship_type: 'Indicates' }),
    ['$.relationship_type', 'invalid-relationship-type'],
  ],
  [
    'relationship without target_ref',
    variant(RELATIONSHIP, { target_ref: undefined }),
    ['$.target_ref', 'missing-property'],
  ],
  [
    'relationship stop_time equal to start_time',
    variant(RELATIONSHIP, { start_time: '2016-01-01T00:00:00Z', stop_time: '2016-01-01T00:00:00Z' }),
    ['$.stop_time', 'time-order'],
  ],
  [
    'sighting of an SCO',
    variant(SIGHTING, { sighting_of_ref: IPV4['id'] }),
    ['$.sighting_of_ref', 'ref-wrong-type'],
  ],
  [
    'sighting of a relationship',
    variant(SIGHTING, { sighting_of_ref: REL_ID }),
    ['$.sighting_of_ref', 'ref-wrong-type'],
  ],
  [
    'sighted where a malware is',
    variant(SIGHTING, { where_sighted_refs: [IDENTITY_ID, MALWARE_ID] }),
    ['$.where_sighted_refs[1]', 'ref-wrong-type'],
  ],
  [
    'sighting observed_data_refs to an indicator',
    variant(SIGHTING, { observed_data_refs: [INDICATOR['id']] }),
    ['$.observed_data_refs[0]', 'ref-wrong-type'],
  ],
  ['sighting count below zero', variant(SIGHTING, { count: -1 }), ['$.count', 'out-of-range']],
  // SCOs
  ['SCO without id', variant(IPV4, { id: undefined }), ['$.id', 'missing-property']],
  [
    'SCO with a wrong spec_version',
    variant(IPV4, { spec_version: '2.0' }),
    ['$.spec_version', 'invalid-spec-version'],
  ],
  [
    'MD5 of the wrong length',
    variant(FILE, { hashes: { MD5: 'cead3f77f6cda6ec00f57d76c9a6879' } }),
    ['$.hashes.MD5', 'invalid-hash'],
  ],
  [
    'SHA-256 that is not hex',
    variant(FILE, { hashes: { 'SHA-256': 'z'.repeat(64) } }),
    ["$.hashes['SHA-256']", 'invalid-hash'],
  ],
  ['hash name too short', variant(FILE, { hashes: { ab: 'cafe' } }), ['$.hashes.ab', 'invalid-hash-name']],
  ['empty hashes', variant(FILE, { hashes: {} }), ['$.hashes', 'empty-value']],
  [
    'file with neither hashes nor name',
    variant(FILE, { hashes: undefined, name: undefined }),
    ['$', 'missing-one-of'],
  ],
  [
    'file parent_directory_ref to a file',
    variant(FILE, { parent_directory_ref: FILE_ID }),
    ['$.parent_directory_ref', 'ref-wrong-type'],
  ],
  [
    'file contains_refs to an SDO',
    variant(FILE, { contains_refs: [INDICATOR['id']] }),
    ['$.contains_refs[0]', 'ref-wrong-type'],
  ],
  [
    'archive-ext contains an ip',
    variant(FILE, { extensions: { 'archive-ext': { contains_refs: [IPV4['id']] } } }),
    ["$.extensions['archive-ext'].contains_refs[0]", 'ref-wrong-type'],
  ],
  [
    'archive-ext without contains_refs',
    variant(FILE, { extensions: { 'archive-ext': { comment: 'x' } } }),
    ["$.extensions['archive-ext'].contains_refs", 'missing-property'],
  ],
  [
    'network extension on a file',
    variant(FILE, { extensions: { 'tcp-ext': { src_flags_hex: '02' } } }),
    ["$.extensions['tcp-ext']", 'extension-not-for-type'],
  ],
  [
    'ntfs stream without name',
    variant(FILE, { extensions: { 'ntfs-ext': { alternate_data_streams: [{ size: 1 }] } } }),
    ["$.extensions['ntfs-ext'].alternate_data_streams[0].name", 'missing-property'],
  ],
  ['ipv4 value that is not an address', variant(IPV4, { value: '300.1.1.1' }), ['$.value', 'invalid-value']],
  ['mac address in capitals', variant(MAC, { value: 'D2:FB:49:24:37:18' }), ['$.value', 'invalid-value']],
  [
    'email-addr belongs to an identity',
    variant(EMAIL_ADDR, { belongs_to_ref: IDENTITY_ID }),
    ['$.belongs_to_ref', 'ref-wrong-type'],
  ],
  [
    'network-traffic without endpoints',
    variant(NETWORK_TRAFFIC, { src_ref: undefined, dst_ref: undefined }),
    ['$', 'missing-one-of'],
  ],
  [
    'network-traffic port out of range',
    variant(NETWORK_TRAFFIC, { dst_port: 70000 }),
    ['$.dst_port', 'out-of-range'],
  ],
  [
    'network-traffic from a file',
    variant(NETWORK_TRAFFIC, { src_ref: FILE_ID }),
    ['$.src_ref', 'ref-wrong-type'],
  ],
  [
    'network-traffic without protocols',
    variant(NETWORK_TRAFFIC, { protocols: [] }),
    ['$.protocols', 'empty-list'],
  ],
  [
    'active traffic with an end',
    variant(NETWORK_TRAFFIC, { is_active: true, end: '2020-01-01T00:00:00Z' }),
    ['$.end', 'exclusive-properties'],
  ],
  [
    'tcp flags that are not hex',
    variant(NETWORK_TRAFFIC, { extensions: { 'tcp-ext': { src_flags_hex: '2' } } }),
    ["$.extensions['tcp-ext'].src_flags_hex", 'invalid-hex'],
  ],
  [
    'process with nothing in it',
    { type: 'process', id: 'process--f52a906a-0dfc-40bd-92f1-e7778ead38a9' },
    ['$', 'missing-one-of'],
  ],
  [
    'artifact with payload and url',
    {
      type: 'artifact',
      id: 'artifact--6f437177-6e48-5cf8-9d9e-872a2bddd641',
      payload_bin: 'aGk=',
      url: 'https://x',
      hashes: { MD5: 'cead3f77f6cda6ec00f57d76c9a6879f' },
    },
    ['$.url', 'exclusive-properties'],
  ],
  [
    'artifact payload that is not base64',
    { type: 'artifact', id: 'artifact--6f437177-6e48-5cf8-9d9e-872a2bddd641', payload_bin: 'not base64!' },
    ['$.payload_bin', 'invalid-binary'],
  ],
  // marking definitions
  [
    'TLP marking with a made-up id',
    variant(TLP_GREEN_DEFINITION, { id: 'marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd' }),
    ['$.id', 'invalid-tlp-marking'],
  ],
  [
    'TLP marking with an unknown level',
    variant(TLP_GREEN_DEFINITION, { definition: { tlp: 'purple' } }),
    ['$.definition', 'invalid-tlp-marking'],
  ],
  [
    'statement marking without a statement',
    variant(STATEMENT_MARKING, { definition: { text: 'x' } }),
    ['$.definition', 'invalid-marking-definition'],
  ],
  [
    'marking definition without a definition',
    variant(STATEMENT_MARKING, { definition: undefined }),
    ['$.definition', 'missing-property'],
  ],
  [
    'marking definition that marks itself',
    variant(STATEMENT_MARKING, { object_marking_refs: [STATEMENT_MARKING['id']] }),
    ['$.object_marking_refs[0]', 'circular-marking'],
  ],
  // extension definitions, language content, custom types
  [
    'extension-definition without created_by_ref',
    variant(EXTENSION_DEFINITION, { created_by_ref: undefined }),
    ['$.created_by_ref', 'missing-property'],
  ],
  [
    'extension_types outside the enumeration',
    variant(EXTENSION_DEFINITION, { extension_types: ['new-thing'] }),
    ['$.extension_types[0]', 'invalid-enum'],
  ],
  [
    'extension_properties without toplevel-property-extension',
    variant(EXTENSION_DEFINITION, { extension_properties: ['rank'] }),
    ['$.extension_properties', 'extension-properties-misuse'],
  ],
  [
    'language content keyed by a non-language',
    variant(LANGUAGE_CONTENT, { contents: { 'english!': { name: 'x' } } }),
    ["$.contents['english!']", 'invalid-lang'],
  ],
  [
    'language content without object_ref',
    variant(LANGUAGE_CONTENT, { object_ref: undefined }),
    ['$.object_ref', 'missing-property'],
  ],
  ['new SDO without created', variant(NEW_SDO, { created: undefined }), ['$.created', 'missing-property']],
];

describe('validateObject rejects', () => {
  for (const [name, obj, ...expected] of ERROR_CASES) {
    it(name, () => {
      const result = validateObject(obj);
      assert.equal(result.ok, false);
      assert.deepEqual(pathsAndCodes(result.errors), expected);
      for (const issue of result.errors)
        assert.ok(issue.message.length > 10, `message too short: ${issue.message}`);
    });
  }
});

/** [what is questionable, object, path, code] — valid, but warned about. */
const WARNING_CASES: [string, Json, string, string][] = [
  ['custom property without x_', variant(INDICATOR, { rank: 1 }), '$.rank', 'custom-property-prefix'],
  [
    'empty x_…_ref, as ATT&CK publishes on deprecated data components',
    variant(INDICATOR, { x_mitre_data_source_ref: '' }),
    '$.x_mitre_data_source_ref',
    'empty-custom-ref',
  ],
  [
    'hash name spelled sha256',
    variant(FILE, { hashes: { sha256: 'aec0' } }),
    '$.hashes.sha256',
    'hash-name-lookalike',
  ],
  [
    'SCO id that is not deterministic',
    variant(IPV4, { id: 'ipv4-addr--1e4ffad7-0b88-41d4-ba4d-77d27490b956' }),
    '$.id',
    'sco-id-not-deterministic',
  ],
  [
    'id in upper case',
    variant(MALWARE, { id: MALWARE_ID.toUpperCase().replace('MALWARE', 'malware') }),
    '$.id',
    'id-not-lowercase',
  ],
  [
    'deprecated x- custom object',
    {
      type: 'x-acme-widget',
      id: 'x-acme-widget--2d7da9a6-c5bb-4b9c-a0a5-2d2d4a3b1b4e',
      spec_version: '2.1',
      created: '2020-01-01T00:00:00.000Z',
      modified: '2020-01-01T00:00:00.000Z',
    },
    '$.type',
    'custom-object-type',
  ],
  [
    'type no extension declares',
    variant(NEW_SDO, { extensions: undefined }),
    '$.type',
    'unknown-object-type',
  ],
  [
    'deprecated x- custom extension',
    variant(INDICATOR, { extensions: { 'x-acme-ext': { rank: 1 } } }),
    "$.extensions['x-acme-ext']",
    'deprecated-property',
  ],
  [
    'created at second precision on a marking definition',
    variant(STATEMENT_MARKING, { created: '2016-08-01T00:00:00Z' }),
    '$.created',
    'timestamp-precision',
  ],
  [
    'kill chain name with spaces',
    variant(INDICATOR, { kill_chain_phases: [{ kill_chain_name: 'Kill Chain', phase_name: 'delivery' }] }),
    '$.kill_chain_phases[0].kill_chain_name',
    'vocabulary-style',
  ],
  [
    'unknown key in an external reference',
    variant(INDICATOR, { external_references: [{ source_name: 'a', url: 'https://a', x_rank: 1 }] }),
    '$.external_references[0].x_rank',
    'unknown-property',
  ],
  [
    'observed-data with the deprecated objects',
    variant(OBSERVED_DATA, {
      object_refs: undefined,
      objects: { '0': { type: 'ipv4-addr', value: '1.2.3.4' } },
    }),
    '$.objects',
    'deprecated-property',
  ],
];

describe('validateObject warns about', () => {
  for (const [name, obj, path, code] of WARNING_CASES) {
    it(name, () => {
      const result = validateObject(obj);
      assert.deepEqual(result.errors, []);
      assert.equal(result.ok, true);
      assert.ok(
        result.warnings.some((w) => w.path === path && w.code === code),
        `expected warning ${code} at ${path}, got ${JSON.stringify(pathsAndCodes(result.warnings))}`,
      );
    });
  }
});

describe('validateObject accepts', () => {
  it('unprefixed custom properties vouched for by a toplevel-property-extension', () => {
    const obj = variant(INDICATOR, {
      rank: 1,
      toxicity: 2,
      extensions: { [EXT_ID]: { extension_type: 'toplevel-property-extension' } },
    });
    assert.deepEqual(validateObject(obj), { ok: true, errors: [], warnings: [] });
  });

  it('a language granular marking and selectors into lists and nested objects', () => {
    const obj = variant(INDICATOR, {
      granular_markings: [
        { lang: 'de', selectors: ['description', 'labels.[1]'] },
        { marking_ref: TLP_GREEN, selectors: ['external_references.[0].external_id', 'kill_chain_phases'] },
      ],
    });
    assert.deepEqual(validateObject(obj).errors, []);
  });

  it('timestamps with any number of fractional digits', () => {
    const obj = variant(INDICATOR, {
      created: '2016-04-29T14:09:00.123456789Z',
      modified: '2016-04-29T14:09:00.1234567891Z',
    });
    assert.deepEqual(validateObject(obj).errors, []);
  });

  it('modified equal to created written with different precision', () => {
    const obj = variant(INDICATOR, {
      created: '2016-04-29T14:09:00.100Z',
      modified: '2016-04-29T14:09:00.1Z',
    });
    const { errors } = validateObject(obj);
    assert.deepEqual(pathsAndCodes(errors), [['$.modified', 'timestamp-precision']]);
  });

  it('custom SCO declared by a new-sco extension, without spec_version', () => {
    const obj = {
      type: 'my-favorite-sco',
      id: 'my-favorite-sco--f9dbe89c-0030-4a9d-8b78-0dcd0a0de874',
      name: 'favourite',
      extensions: { [EXT_ID]: { extension_type: 'new-sco' } },
    };
    assert.deepEqual(validateObject(obj), { ok: true, errors: [], warnings: [] });
  });

  it('custom (extension-defined) targets where whole categories are allowed', () => {
    const obj = variant(RELATIONSHIP, { target_ref: NEW_SDO['id'] });
    assert.deepEqual(validateObject(obj).errors, []);
  });
});

describe('validateObject options', () => {
  it('reports under the given path', () => {
    const result = validateObject(variant(INDICATOR, { modified: '2016-01-01T00:00:00.000Z' }), {
      path: '$.objects[12]',
    });
    assert.deepEqual(result.errors, [
      {
        path: '$.objects[12].modified',
        code: 'modified-before-created',
        message: 'modified (2016-01-01T00:00:00.000Z) is earlier than created (2016-04-29T14:09:00.000Z)',
      },
    ]);
  });

  it('checks STIX patterns through checkPattern', () => {
    const seen: string[] = [];
    const checkPattern = (pattern: string) => {
      seen.push(pattern);
      return [{ message: 'unexpected token at 3' }];
    };
    const result = validateObject(INDICATOR, { checkPattern });
    assert.deepEqual(seen, [INDICATOR['pattern']]);
    assert.deepEqual(result.errors, [
      { path: '$.pattern', code: 'invalid-pattern', message: 'unexpected token at 3' },
    ]);
  });

  it('does not hand other pattern languages to checkPattern', () => {
    const result = validateObject(variant(INDICATOR, { pattern_type: 'yara', pattern: 'rule x {}' }), {
      checkPattern: () => [{ message: 'never' }],
    });
    assert.deepEqual(result.errors, []);
  });
});

describe('issue codes', () => {
  it('every code used in the tests is catalogued', () => {
    const used = new Set([
      ...ERROR_CASES.flatMap(([, , ...e]) => e.map(([, code]) => code)),
      ...WARNING_CASES.map((c) => c[3]),
    ]);
    for (const code of used) assert.ok(code in ISSUE_CODES, `${code} is not in ISSUE_CODES`);
  });
});

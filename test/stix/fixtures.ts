// Valid STIX 2.1 objects that the validator tests break one property at a time.
import { scoDeterministicId } from '../../src/stix/index.js';

export type Json = Record<string, unknown>;

const SHA256 = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';
export const IDENTITY_ID = 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff';
export const TLP_GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
export const EXT_ID = 'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e';
export const MALWARE_ID = 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b';

/** A copy of `base` with `changes` applied; an `undefined` change removes the property. */
export function variant(base: Json, changes: Json): Json {
  const out: Json = structuredClone(base);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** An SCO with its deterministic id, as the spec recommends. */
function sco(props: Json): Json {
  return { ...props, id: scoDeterministicId(props) };
}

const core = {
  spec_version: '2.1',
  created: '2016-04-29T14:09:00.000Z',
  modified: '2016-04-29T14:09:00.000Z',
};

export const INDICATOR: Json = {
  type: 'indicator',
  ...core,
  id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created_by_ref: IDENTITY_ID,
  name: 'Poison Ivy Malware',
  description: 'This file is part of Poison Ivy',
  indicator_types: ['malicious-activity'],
  pattern: `[file:hashes.'SHA-256' = '${SHA256}']`,
  pattern_type: 'stix',
  valid_from: '2016-01-01T00:00:00Z',
  labels: ['first', 'second'],
  confidence: 80,
  lang: 'en',
  external_references: [{ source_name: 'capec', external_id: 'CAPEC-163' }],
  kill_chain_phases: [{ kill_chain_name: 'lockheed-martin-cyber-kill-chain', phase_name: 'delivery' }],
  object_marking_refs: [TLP_GREEN],
};

export const MALWARE: Json = {
  type: 'malware',
  ...core,
  id: MALWARE_ID,
  name: 'Poison Ivy',
  is_family: true,
};

export const RELATIONSHIP: Json = {
  type: 'relationship',
  ...core,
  id: 'relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad',
  relationship_type: 'indicates',
  source_ref: INDICATOR['id'],
  target_ref: MALWARE_ID,
};

export const SIGHTING: Json = {
  type: 'sighting',
  ...core,
  id: 'sighting--ee20065d-2555-424f-ad9e-0f8428623c75',
  sighting_of_ref: INDICATOR['id'],
  where_sighted_refs: [IDENTITY_ID],
  observed_data_refs: ['observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf'],
  count: 3,
};

export const LOCATION: Json = {
  type: 'location',
  ...core,
  id: 'location--a6e9345f-5a15-4c29-8bb3-7dcc5d168d64',
  latitude: 48.8566,
  longitude: 2.3522,
};

export const OBSERVED_DATA: Json = {
  type: 'observed-data',
  ...core,
  id: 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf',
  first_observed: '2015-12-21T19:00:00Z',
  last_observed: '2015-12-21T19:00:00Z',
  number_observed: 50,
  object_refs: ['ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4'],
};

export const OPINION: Json = {
  type: 'opinion',
  ...core,
  id: 'opinion--b01efc25-77b4-4003-b18b-f6e24b5cd9f7',
  opinion: 'strongly-disagree',
  object_refs: [RELATIONSHIP['id']],
};

export const FILE: Json = sco({
  type: 'file',
  spec_version: '2.1',
  name: 'foo.exe',
  hashes: { 'SHA-256': SHA256, MD5: 'cead3f77f6cda6ec00f57d76c9a6879f' },
  parent_directory_ref: 'directory--93c0a9b0-520d-545d-9094-1a08ddf46b05',
  extensions: { 'archive-ext': { contains_refs: ['file--019fde1c-94ab-5a8f-90ae-fc1b2e7a8e19'] } },
});

export const IPV4: Json = sco({ type: 'ipv4-addr', spec_version: '2.1', value: '198.51.100.3' });
export const MAC: Json = sco({ type: 'mac-addr', value: 'd2:fb:49:24:37:18' });
export const EMAIL_ADDR: Json = sco({
  type: 'email-addr',
  value: 'john@example.com',
  belongs_to_ref: 'user-account--0d5b424b-93b8-5cd8-ac36-306e1789d63c',
});

export const NETWORK_TRAFFIC: Json = sco({
  type: 'network-traffic',
  src_ref: IPV4['id'],
  dst_ref: 'ipv6-addr--6469e3a9-b053-5e34-a025-9396ae051d26',
  src_port: 24678,
  dst_port: 80,
  protocols: ['ipv4', 'tcp', 'http'],
  extensions: { 'tcp-ext': { src_flags_hex: '00000002' } },
});

export const TLP_GREEN_DEFINITION: Json = {
  type: 'marking-definition',
  spec_version: '2.1',
  id: TLP_GREEN,
  created: '2017-01-20T00:00:00.000Z',
  definition_type: 'tlp',
  name: 'TLP:GREEN',
  definition: { tlp: 'green' },
};

export const STATEMENT_MARKING: Json = {
  type: 'marking-definition',
  spec_version: '2.1',
  id: 'marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd',
  created: '2016-08-01T00:00:00.000Z',
  definition_type: 'statement',
  definition: { statement: 'Copyright 2019, Example Corp' },
};

export const EXTENSION_DEFINITION: Json = {
  type: 'extension-definition',
  ...core,
  id: EXT_ID,
  created_by_ref: IDENTITY_ID,
  name: 'Extension Foo 1',
  schema: 'https://www.example.com/schema-foo-1/v1/',
  version: '1.2.1',
  extension_types: ['property-extension'],
};

export const LANGUAGE_CONTENT: Json = {
  type: 'language-content',
  ...core,
  id: 'language-content--b86bd89f-98bb-4fa9-8cb2-9ad421da981d',
  object_ref: 'campaign--12a111f0-b824-4baf-a224-83b80237a094',
  object_modified: '2017-02-08T21:31:22.007Z',
  contents: { de: { name: 'Bank Angriff' }, ru: { name: 'Атака на банк' } },
};

/** A new SDO type declared by an extension-definition (the mechanism Accord's own types use). */
export const NEW_SDO: Json = {
  type: 'my-favorite-sdo',
  ...core,
  id: 'my-favorite-sdo--ac97aae4-83f1-46ca-a351-7aeb76678189',
  name: 'This is the name of my favorite',
  some_property_name1: 'value1',
  extensions: { [EXT_ID]: { extension_type: 'new-sdo' } },
};

export const VALID_OBJECTS: Readonly<Record<string, Json>> = {
  INDICATOR,
  MALWARE,
  RELATIONSHIP,
  SIGHTING,
  LOCATION,
  OBSERVED_DATA,
  OPINION,
  FILE,
  IPV4,
  MAC,
  EMAIL_ADDR,
  NETWORK_TRAFFIC,
  TLP_GREEN_DEFINITION,
  STATEMENT_MARKING,
  EXTENSION_DEFINITION,
  LANGUAGE_CONTENT,
  NEW_SDO,
};

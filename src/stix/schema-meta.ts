// Property tables of the SROs and the meta objects (STIX 2.1 sections 5 and 7).
import { CORE_COMMON, commonWithout, MARKING_COMMON } from './schema-common.js';
import {
  bool,
  dict,
  int,
  type PropSpec,
  ref,
  refs,
  req,
  type Shape,
  shape,
  someOf,
  str,
  strs,
  ts,
} from './schema-types.js';
import { EXTENSION_TYPES } from './vocab.js';

const META_PROPS: Record<string, [Record<string, PropSpec>, Record<string, PropSpec>]> = {
  relationship: [
    CORE_COMMON,
    {
      relationship_type: req(str),
      description: str,
      source_ref: req(ref('sdo-or-sco')),
      target_ref: req(ref('sdo-or-sco')),
      start_time: ts,
      stop_time: ts,
    },
  ],
  sighting: [
    CORE_COMMON,
    {
      description: str,
      first_seen: ts,
      last_seen: ts,
      count: int(0, 999_999_999),
      sighting_of_ref: req(ref('sdo')),
      observed_data_refs: refs('observed-data'),
      where_sighted_refs: refs('identity', 'location'),
      summary: bool,
    },
  ],
  'marking-definition': [MARKING_COMMON, { name: str, definition_type: str, definition: dict }],
  'extension-definition': [
    commonWithout(['confidence', 'lang', 'extensions']),
    {
      created_by_ref: req(ref('identity')),
      name: req(str),
      description: str,
      schema: req(str),
      version: req(str),
      extension_types: req(someOf(EXTENSION_TYPES)),
      extension_properties: strs,
    },
  ],
  'language-content': [
    commonWithout(['lang']),
    { object_ref: req(ref('any')), object_modified: ts, contents: req(dict) },
  ],
};

export const META_SHAPES: ReadonlyMap<string, Shape> = new Map(
  Object.entries(META_PROPS).map(([type, [common, props]]) => [type, shape(common, props)]),
);

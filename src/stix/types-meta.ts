// SROs, the meta objects (marking-definition, extension-definition, language-content),
// custom objects and the bundle.
import type {
  ExternalReference,
  GranularMarking,
  StixBase,
  StixCoreBase,
  StixId,
  Timestamp,
} from './types-common.js';
import type { StixSco } from './types-sco.js';
import type { StixSdo } from './types-sdo.js';

export interface Relationship extends StixCoreBase {
  type: 'relationship';
  relationship_type: string;
  description?: string;
  source_ref: StixId;
  target_ref: StixId;
  start_time?: Timestamp;
  stop_time?: Timestamp;
}

export interface Sighting extends StixCoreBase {
  type: 'sighting';
  description?: string;
  first_seen?: Timestamp;
  last_seen?: Timestamp;
  count?: number;
  sighting_of_ref: StixId;
  observed_data_refs?: StixId[];
  where_sighted_refs?: StixId[];
  summary?: boolean;
}

export type StixSro = Relationship | Sighting;

/** Marking definitions are not versioned: `created` only, no `modified`. */
export interface MarkingDefinition extends StixBase {
  type: 'marking-definition';
  spec_version: '2.1';
  created: Timestamp;
  created_by_ref?: StixId;
  external_references?: ExternalReference[];
  granular_markings?: GranularMarking[];
  name?: string;
  definition_type?: string;
  definition?: Record<string, unknown>;
}

export type ExtensionType =
  | 'new-sdo'
  | 'new-sco'
  | 'new-sro'
  | 'property-extension'
  | 'toplevel-property-extension';

export interface ExtensionDefinition extends StixCoreBase {
  type: 'extension-definition';
  created_by_ref: StixId;
  name: string;
  description?: string;
  schema: string;
  version: string;
  extension_types: ExtensionType[];
  extension_properties?: string[];
}

export interface LanguageContent extends StixCoreBase {
  type: 'language-content';
  object_ref: StixId;
  object_modified?: Timestamp;
  /** language tag → property name → translated value */
  contents: Record<string, Record<string, unknown>>;
}

export type StixMeta = MarkingDefinition | ExtensionDefinition | LanguageContent;

/**
 * An object of a type STIX does not define: a deprecated `x-` custom object, or a type declared
 * by an extension-definition (`new-sdo`/`new-sco`/`new-sro`). The literal `x-` prefix keeps the
 * union discriminable; extension-defined types without it are cast to this shape.
 */
export interface CustomObject extends StixBase {
  type: `x-${string}`;
}

export interface StixBundle {
  type: 'bundle';
  id: StixId;
  objects?: StixObject[];
  [custom: string]: unknown;
}

export type StixObject = StixSdo | StixSco | StixSro | StixMeta | CustomObject;

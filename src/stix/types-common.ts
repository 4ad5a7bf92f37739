// Building blocks shared by every STIX 2.1 object type. Objects are plain JSON: these types
// describe what a *valid* object looks like; `validateObject` is what makes that true at runtime.

/** `<type>--<uuid>`, e.g. `indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f`. */
export type StixId = string;

/** RFC 3339 in UTC with a `Z`, e.g. `2016-05-12T08:17:27.000Z`. */
export type Timestamp = string;

/** Keys are hashing-algorithm-ov names (`MD5`, `SHA-256`, …) or custom names. */
export type Hashes = Record<string, string>;

export interface ExternalReference {
  source_name: string;
  description?: string;
  url?: string;
  hashes?: Hashes;
  external_id?: string;
}

export interface KillChainPhase {
  kill_chain_name: string;
  phase_name: string;
}

/** Exactly one of `marking_ref` and `lang` is present. */
export interface GranularMarking {
  selectors: string[];
  marking_ref?: StixId;
  lang?: string;
}

/** Extension values are dictionaries; for extension-definition keys they may carry `extension_type`. */
export type Extensions = Record<string, Record<string, unknown>>;

/** Properties every STIX object may carry; custom properties are allowed alongside. */
export interface StixBase {
  type: string;
  id: StixId;
  spec_version?: '2.1';
  object_marking_refs?: StixId[];
  granular_markings?: GranularMarking[];
  extensions?: Extensions;
  [custom: string]: unknown;
}

/** Common properties of SDOs, SROs, language-content and extension-definition. */
export interface StixCoreBase extends StixBase {
  spec_version: '2.1';
  created: Timestamp;
  modified: Timestamp;
  created_by_ref?: StixId;
  revoked?: boolean;
  labels?: string[];
  confidence?: number;
  lang?: string;
  external_references?: ExternalReference[];
}

/** Common properties of SCOs: no created/modified, optional spec_version, `defanged`. */
export interface ScoBase extends StixBase {
  defanged?: boolean;
}

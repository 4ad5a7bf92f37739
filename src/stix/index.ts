// Public API of the STIX 2.1 model: types, ids, timestamps, canonical JSON, validation.
export { canonicalJson, sha256Hex } from './canonical.js';
export {
  isStixId,
  newStixId,
  type ParsedStixId,
  parseStixId,
  SCO_ID_NAMESPACE,
  SCO_ID_PROPERTIES,
  scoDeterministicId,
} from './ids.js';
export { isStixTimestamp, nowTimestamp, timestampKey } from './timestamp.js';
export * from './types.js';
export * from './validate.js';
export { TLP_MARKING_IDS } from './vocab.js';

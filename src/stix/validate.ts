// The STIX 2.1 validator. Every issue names the JSON path of the offending value and a code
// from issue-codes.ts; errors break a MUST of the specification, warnings a SHOULD or a
// deprecation.
export type { Issue } from '../errors.js';
export { ISSUE_CODES, type IssueCode } from './issue-codes.js';
export { validateBundle, validateDocument } from './validate-bundle.js';
export type { ValidateOptions, ValidationResult } from './validate-context.js';
export { resolveSelector } from './validate-markings.js';
export { validateObject } from './validate-object.js';

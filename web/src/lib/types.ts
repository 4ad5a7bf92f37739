// The shapes of the REST API the console reads: the server's response schemas
// (src/http/contract), so a field renamed or dropped on one side fails `tsc -p web`. Only
// types cross over; no TypeBox reaches the bundle.

import type {
  AuditEntry as ContractAuditEntry,
  SessionInfo as ContractSession,
  ChainVerdict as ContractVerdict,
  Visit as ContractVisit,
} from '../../../src/http/contract/admin.js';
import type {
  AgreementDoc as ContractAgreementDoc,
  AgreementStatus as ContractAgreementStatus,
  PartyStatus as ContractPartyStatus,
} from '../../../src/http/contract/agreement.js';
import type { ConsentView, ConsentList as ContractConsentList } from '../../../src/http/contract/consents.js';
import type {
  ActivityStats as ContractActivityStats,
  Item as ContractItem,
  LookupAnswer as ContractLookupAnswer,
  LookupMatch as ContractLookupMatch,
  LookupResult as ContractLookupResult,
  ObjectDetail as ContractObjectDetail,
  ObjectMeta as ContractObjectMeta,
  StixObject as ContractStixObject,
} from '../../../src/http/contract/objects.js';

/**
 * A STIX object is open on purpose (custom properties travel as their maker wrote them); the
 * common properties the console reads are typed by the STIX specification, not by the server.
 */
export type StixObject = ContractStixObject & {
  [key: string]: unknown;
  name?: string;
  created?: string;
  modified?: string;
  object_marking_refs?: string[];
};

export type ObjectMeta = ContractObjectMeta;

export interface Item extends Omit<ContractItem, 'object'> {
  object: StixObject;
}

export interface ObjectPage {
  items: Item[];
  next: string | null;
}

export interface ObjectDetail extends Omit<ContractObjectDetail, 'object' | 'versions' | 'references'> {
  object: StixObject;
  versions: Item[];
  references?: Item[];
}

export type SessionInfo = ContractSession;
export type AgreementDoc = ContractAgreementDoc;
export type PartyStatus = ContractPartyStatus;
export type AgreementStatus = ContractAgreementStatus;
export type Consent = ConsentView;
export type ConsentList = ContractConsentList;
export type AuditEntry = ContractAuditEntry;
export type ChainVerdict = ContractVerdict;
export type Visit = ContractVisit;

/** POST /api/v1/lookup, as the console reads it. */
export type LookupResult = ContractLookupResult;
export type LookupAnswer = ContractLookupAnswer;
export type LookupMatch = ContractLookupMatch;
export type LookupHow = LookupMatch['how'];
export type LookupSightings = LookupResult['sightings'];

export type ActivityStats = ContractActivityStats;

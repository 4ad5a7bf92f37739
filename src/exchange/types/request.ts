// x-accord-request (Articles 6 and 7): a request for information, for assistance, or to
// block an information resource; x-accord-response is the addressee's side of it — received,
// in progress, answered, partly answered or declined — made by the addressee's Party.

import { declareAccordType } from './accord-type.js';
import { ASSISTANCE_PURPOSES, REQUEST_KINDS } from './values.js';

export { ASSISTANCE_PURPOSES, REQUEST_KINDS };

export type RequestKind = (typeof REQUEST_KINDS)[number];

export interface BlockingResource {
  value: string;
  type: 'url' | 'domain' | 'ipv4' | 'ipv6';
}

export const requestType = declareAccordType({
  type: 'x-accord-request',
  extensionId: 'extension-definition--3b9e5f0a-7c21-4d8e-b6a4-2f1c8d9e0a73',
  name: 'Accord request',
  description:
    'A request of one Party to another: for information needed to investigate illegal acts (Article 7), ' +
    'for assistance in determining the source of an attack or stopping infrastructure from being used (Article 6), ' +
    'or to block an information resource used for illegal purposes (Article 6).',
  schema:
    'x-accord-request has kind (information|assistance|blocking), requester and addressee (Party codes), ' +
    'state (draft|sent|received|in-progress|answered|partly-answered|declined|withdrawn), summary, details?, ' +
    'deadline; information: legal_basis, case_reference; assistance: purpose (determine-source|stop-infrastructure), ' +
    'indicators; blocking: resources [{value, type}], criteria (x-accord-criterion ids), evidence; object_refs?, exercise?, ' +
    "requested_by? (the requester's user).",
});

export const responseType = declareAccordType({
  type: 'x-accord-response',
  extensionId: 'extension-definition--9a4d2c1b-5e60-4f7a-8b3c-d1e2f3a4b5c6',
  name: 'Accord response',
  description:
    'The addressee Party’s handling of an Accord request: receipt, work, answer, partial answer or a decline ' +
    'citing its ground in national law.',
  schema:
    'x-accord-response has request_ref, responder (Party), state (received|in-progress|answered|partly-answered|declined), ' +
    'answer?, object_refs?, documents?, ground? (the decline’s ground in national law), blocked? [{value, blocked_at}], ' +
    "refused? [{value, reason}], responded_by? (the responder's user), note?.",
});

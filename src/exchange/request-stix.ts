// The two signed objects of a request: the requester's x-accord-request and the addressee's
// x-accord-response, each released to the two Parties only.

import { v5 as uuidv5 } from 'uuid';
import { partyIdentity } from '../node/identity.js';
import { markingsFor } from './records.js';
import type { Stored } from './request-service.js';
import { requestType, responseType } from './types/request.js';

export function requestStix(r: Stored, at: string) {
  const m = markingsFor(r.requester, r.tlp, [r.requester, r.addressee]);
  const stix = requestType.toStix(
    {
      id: r.id,
      createdByRef: partyIdentity(r.requester),
      created: r.createdAt,
      modified: at,
      markingRefs: m.refs,
    },
    {
      kind: r.kind,
      requester: r.requester,
      addressee: r.addressee,
      state: r.state,
      summary: r.summary,
      details: r.details,
      deadline: r.deadline,
      object_refs: r.objectRefs,
      legal_basis: r.legalBasis,
      case_reference: r.caseReference,
      purpose: r.purpose,
      indicators: r.indicators,
      resources: r.resources,
      criteria: r.criteria,
      evidence: r.evidence,
      exercise: r.exercise ?? undefined,
      requested_by: r.createdBy,
    },
  );
  return { stix, m };
}

// The addressee's response has one id per request, so its states are versions of one object.
const RESPONSE_NAMESPACE = '4f2b8c1e-6a3d-4e5f-9b7c-2d1e0f3a4b5c';

export const responseIdOf = (requestId: string) =>
  `x-accord-response--${uuidv5(requestId, RESPONSE_NAMESPACE)}`;

export function responseStix(r: Stored, at: string) {
  const m = markingsFor(r.addressee, r.tlp, [r.requester, r.addressee]);
  const resp = r.response;
  const stix = responseType.toStix(
    {
      id: responseIdOf(r.id),
      createdByRef: partyIdentity(r.addressee),
      created: r.sentAt ?? at,
      modified: at,
      markingRefs: m.refs,
    },
    {
      request_ref: r.id,
      responder: r.addressee,
      state: r.state,
      answer: resp?.answer,
      object_refs: resp?.objectRefs,
      documents: resp?.documents,
      ground: resp?.ground,
      blocked: resp?.blocked?.map((b) => ({ value: b.value, blocked_at: b.blockedAt })),
      refused: resp?.refused,
      exercise: r.exercise ?? undefined,
      responded_by: resp?.by,
      note: resp?.note,
    },
  );
  return { stix, m };
}

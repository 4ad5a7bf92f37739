// The shapes of the REST API the console reads (see /api/v1/openapi.json).

export interface StixObject {
  type: string;
  id: string;
  name?: string;
  created?: string;
  modified?: string;
  object_marking_refs?: string[];
  [key: string]: unknown;
}

export interface ObjectMeta {
  originator: string;
  source_node: string;
  date_added: string;
  version: string;
  revoked: boolean;
  signed: boolean;
}

export interface Item {
  object: StixObject;
  meta: ObjectMeta;
}

export interface ObjectPage {
  items: Item[];
  next: string | null;
}

export interface ObjectDetail {
  id: string;
  object: StixObject;
  meta: ObjectMeta;
  versions: Item[];
  references?: Item[];
}

export interface SessionInfo {
  user: { name: string; party: string; role: 'analyst' | 'liaison' | 'admin' };
  /** The node's Party; a user of another Party is kept for single-node or training use. */
  node_party?: string;
  csrf_token: string;
}

export interface Localized {
  en: string;
  ru: string;
}

export interface AgreementDoc {
  agreement: string;
  definition: {
    title?: Localized;
    signed?: { date: string; place?: Localized };
    parties: { code: string; name: Localized }[];
  };
  events: { kind: string; date: string; party?: string; source?: string; [k: string]: unknown }[];
}

export interface PartyStatus {
  code: string;
  state: 'not-signatory' | 'signatory' | 'in-force' | 'withdrawal-pending' | 'withdrawn';
  signed_on?: string;
  notified_on?: string;
  in_force_from?: string;
  effective_on?: string;
}

export interface AgreementStatus {
  at: string;
  in_force: boolean;
  since: string | null;
  parties: PartyStatus[];
}

export interface Consent {
  id: string;
  status: 'requested' | 'granted' | 'refused' | 'withdrawn';
  object_ids: string[];
  requester: string;
  grantor: string;
  recipient: { kind: string; id?: string; name?: string; party?: string };
  purpose: string;
  valid_until: string;
  requested_at?: string;
  refusal_reason?: string;
}

export interface AuditEntry {
  /** Absent in another Party's copy, which sees no position in the node's chain. */
  seq?: number;
  at: string;
  actor: { kind: string; id: string; party?: string };
  action: string;
  subject?: { type: string; id: string; party?: string };
  details?: unknown;
  /** Members left out of another Party's copy of the entry (src/audit/party-view.ts). */
  redacted?: string[];
}

/** POST /api/v1/lookup, as the console reads it. */
export type LookupHow = 'exact' | 'range' | 'parent-domain' | 'url-host' | 'email-domain';

export interface LookupSightings {
  count: number;
  first_seen: string | null;
  last_seen: string | null;
  reporters: string[];
}

export interface LookupMatch {
  id: string;
  type: string;
  originator: string;
  name: string | null;
  pattern: string | null;
  valid_until: string | null;
  expired: boolean;
  partial: boolean;
  how: LookupHow;
  matched: string;
  marking_refs: string[];
  sightings: LookupSightings;
}

export interface LookupResult {
  value: string;
  kind: string | null;
  normalised: string | null;
  error: string | null;
  known: boolean;
  matches: LookupMatch[];
  reported_by: string[];
  sightings: LookupSightings;
  /** Lists of known-benign values the value is on. */
  warninglists: { id: string; name: string }[];
}

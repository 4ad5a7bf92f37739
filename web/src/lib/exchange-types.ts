// The shapes of the exchange records the console reads (notifications, requests, cases,
// library documents), as /api/v1 returns them.

export type TlpLevel = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface HistoryEntry {
  seq: number;
  at: string;
  actor: { party: string; user?: string };
  action: string;
  details?: Record<string, unknown>;
}

export interface Delivery {
  party: string;
  delivered_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  overdue: boolean;
}

export type NotificationKind = 'threat' | 'incident' | 'response-measure';
export type Severity = 'critical' | 'high' | 'medium' | 'low';

export interface Notification {
  id: string;
  kind: NotificationKind;
  severity: Severity;
  summary: string;
  body?: string;
  object_refs: string[];
  delivered_to: string[];
  tlp: TlpLevel;
  sender: string;
  created_by: string;
  created_at: string;
  deadline: string;
  escalated_at: string | null;
  overdue: boolean;
  deliveries: Delivery[];
}

export const REQUEST_STATES = [
  'draft',
  'sent',
  'received',
  'in-progress',
  'answered',
  'partly-answered',
  'declined',
  'withdrawn',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export type RequestMove =
  | 'send'
  | 'receive'
  | 'start'
  | 'answer'
  | 'partly-answer'
  | 'decline'
  | 'withdraw'
  | 'remind';
export type RequestKind = 'information' | 'assistance' | 'blocking';

export interface RequestResponse {
  at: string;
  by: string;
  answer?: string;
  ground?: string;
  object_refs?: string[];
  documents?: string[];
  blocked?: { value: string; blocked_at: string }[];
  refused?: { value: string; reason: string }[];
}

export interface AccordRequest {
  id: string;
  kind: RequestKind;
  requester: string;
  addressee: string;
  state: RequestState;
  summary: string;
  details?: string;
  deadline: string;
  tlp: TlpLevel;
  created_at: string;
  sent_at?: string;
  overdue: boolean;
  reminders: number;
  legal_basis?: string;
  case_reference?: string;
  purpose?: 'determine-source' | 'stop-infrastructure';
  indicators?: string[];
  resources?: { value: string; type: string }[];
  evidence?: string;
  object_refs?: string[];
  response?: RequestResponse;
  allowed_moves: RequestMove[];
  history: HistoryEntry[];
}

export type MeasureState = 'planned' | 'in-progress' | 'done' | 'cancelled';
export const MEASURE_STATES: readonly MeasureState[] = ['planned', 'in-progress', 'done', 'cancelled'];

export interface Measure {
  id: string;
  title: string;
  assignee: string;
  due: string;
  state: MeasureState;
  updated_at: string;
  updated_by: string;
}

export interface CaseRecord {
  id: string;
  title: string;
  description?: string;
  state: 'open' | 'closed';
  owner: string;
  participants: string[];
  refs: string[];
  measures: Measure[];
  tlp: TlpLevel;
  created_at?: string;
  updated_at: string;
  items?: { id: string; type: string; originator: string; object: Record<string, unknown> }[];
  timeline?: HistoryEntry[];
}

export const DOCUMENT_KINDS = [
  'draft-treaty',
  'harmonisation-proposal',
  'legal-act',
  'analysis',
  'reference',
  'training',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface LibraryDocument {
  id: string;
  title: string;
  language: string;
  kind: DocumentKind;
  description?: string;
  content?: string;
  tlp: TlpLevel;
  files: { filename: string; media_type: string; sha256: string; size: number }[];
  party: string;
  created_at?: string;
}

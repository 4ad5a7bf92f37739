// The shapes of the exchange records the console reads (notifications, requests, cases,
// library documents): the server's response schemas (src/http/contract), so a field renamed
// on one side fails `tsc -p web`. Only types cross over; the runtime lists below stay here so
// no TypeBox reaches the bundle.

import type { HistoryEntry as ContractHistoryEntry } from '../../../src/http/contract/common.js';
import type {
  CaseView,
  Delivery as ContractDelivery,
  RequestResponse as ContractResponse,
  RevisionDiff as ContractRevisionDiff,
  RevisionList as ContractRevisionList,
  CriterionView,
  DocumentView,
  NotificationView,
  RequestView,
} from '../../../src/http/contract/exchange.js';

export type TlpLevel = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

export interface Page<T> {
  items: T[];
  next: string | null;
}

export type HistoryEntry = ContractHistoryEntry;
export type Delivery = ContractDelivery;
export type Notification = NotificationView;
export type NotificationKind = Notification['kind'];
export type Severity = Notification['severity'];

export const REQUEST_STATES = [
  'draft',
  'sent',
  'received',
  'in-progress',
  'answered',
  'partly-answered',
  'declined',
  'withdrawn',
] as const satisfies readonly RequestView['state'][];
export type RequestState = RequestView['state'];
export type RequestMove = RequestView['allowed_moves'][number];
export type RequestKind = RequestView['kind'];
export type RequestResponse = ContractResponse;
export type AccordRequest = RequestView;

export type Measure = CaseView['measures'][number];
export type MeasureState = Measure['state'];
export const MEASURE_STATES = [
  'planned',
  'in-progress',
  'done',
  'cancelled',
] as const satisfies readonly MeasureState[];
export type CaseRecord = CaseView;

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
export type LibraryDocument = DocumentView;
export type RevisionList = ContractRevisionList;
export type RevisionDiff = ContractRevisionDiff;
export type Criterion = CriterionView;

import { caseEntryType, caseType } from './case.js';
import { blockingStatsType, criterionType, legalReferenceType } from './criterion.js';
import { depositaryNoticeType } from './depositary-notice.js';
import { documentProposalType, documentType } from './document.js';
import { exerciseType } from './exercise.js';
import { acknowledgementType, notificationType } from './notification.js';
import { requestType, responseType } from './request.js';

export * from './accord-type.js';
export * from './case.js';
export * from './criterion.js';
export * from './depositary-notice.js';
export * from './document.js';
export * from './exercise.js';
export * from './notification.js';
export * from './request.js';

/** Every type the exchange declares, with the extension-definition that ships with Accord. */
export const EXCHANGE_TYPES = [
  notificationType,
  acknowledgementType,
  requestType,
  responseType,
  caseType,
  caseEntryType,
  criterionType,
  legalReferenceType,
  blockingStatsType,
  depositaryNoticeType,
  documentType,
  documentProposalType,
  exerciseType,
];

// The messages between an importing thread and its import worker (import-worker.ts).

import type { ErrorCode } from '../errors.js';
import type { BatchEvent, BatchPlan } from './import-batches.js';

export type ToWorker =
  | { kind: 'start'; plan: BatchPlan }
  | { kind: 'chunk'; data: Uint8Array }
  | { kind: 'eof' }
  | { kind: 'ack' };

export type FromWorker =
  | { kind: 'pull' }
  | BatchEvent
  | { kind: 'error'; message: string; code?: ErrorCode; details?: unknown };

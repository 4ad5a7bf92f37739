// The messages between an importing thread and its import worker (import-worker.ts).

import type { ErrorCode } from '../errors.js';
import type { BatchEvent, BatchPlan } from './import-batches.js';
import type { Warninglist } from './warninglists/format.js';

export type ToWorker =
  /** `lists` only when the worker does not hold the set named `listsKey` already. */
  | { kind: 'start'; plan: BatchPlan; listsKey: number; lists?: readonly Warninglist[] }
  | { kind: 'chunk'; data: Uint8Array }
  | { kind: 'eof' }
  | { kind: 'ack' };

export type FromWorker =
  | { kind: 'pull' }
  | BatchEvent
  | { kind: 'error'; message: string; code?: ErrorCode; details?: unknown };

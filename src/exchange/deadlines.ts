// Deadlines of Article 7 exchanges, pure. A notification's recipients should acknowledge
// within a time set by its severity; a request is answered by its own deadline.

import type { Severity } from './types/notification.js';

const HOUR = 3_600_000;

/** Documented in docs/analysts.md: critical 4 h, high 24 h, medium 72 h, low 7 days. */
export const ACK_WITHIN_MS: Readonly<Record<Severity, number>> = {
  critical: 4 * HOUR,
  high: 24 * HOUR,
  medium: 72 * HOUR,
  low: 7 * 24 * HOUR,
};

export function ackDeadline(severity: Severity, sentAt: string): string {
  return new Date(Date.parse(sentAt) + ACK_WITHIN_MS[severity]).toISOString();
}

/** Default time to answer a request when none is given: 30 days (Article 7 sets none). */
export const REQUEST_ANSWER_MS = 30 * 24 * HOUR;

export function isPast(deadline: string, now: Date): boolean {
  return Date.parse(deadline) < now.getTime();
}

/** "Near its deadline": due within this time (documented in docs/analysts.md). */
export const DUE_SOON_MS = 72 * HOUR;

/** Not yet past its deadline, but within DUE_SOON_MS of it. */
export function isDueSoon(deadline: string, now: Date): boolean {
  const left = Date.parse(deadline) - now.getTime();
  return left >= 0 && left <= DUE_SOON_MS;
}

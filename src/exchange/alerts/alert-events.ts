// Which received objects are worth waking somebody for. Pure: a received STIX object and the
// node's Party in, the alert event (if any) out.
import { ACK_WITHIN_MS, isDueSoon, isPast } from '../deadlines.js';
import { FINAL_STATES, type RequestState } from '../request-machine.js';
import type { Severity } from '../types/notification.js';

export const ALERT_EVENTS = [
  'critical-notification',
  'request-received',
  'deadline',
  'consent-asked',
] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

export const ALERT_EVENT_TEXT: Record<AlertEvent, string> = {
  'critical-notification': 'a critical notification was received',
  'request-received': 'a request addressed to your Party was received',
  deadline:
    'a request to your Party, or a notification it has not acknowledged, is near its deadline or past it',
  'consent-asked': 'your Party was asked for its consent (Article 10)',
};

const named = (o: Record<string, unknown>, party: string): boolean =>
  o.recipients === 'all' || (Array.isArray(o.recipients) && o.recipients.includes(party));

/** The alert a received object raises for the Party `here`, or null. */
export function alertEventOf(o: Record<string, unknown>, here: string): AlertEvent | null {
  switch (o.type) {
    case 'x-accord-notification':
      // Renamed in 1.1.0 (STIX reserves `severity`); copies signed before keep the old name.
      return (o.notification_severity ?? o.severity) === 'critical' && o.sender !== here && named(o, here)
        ? 'critical-notification'
        : null;
    case 'x-accord-request':
      return o.addressee === here && o.requester !== here ? 'request-received' : null;
    case 'x-accord-consent':
      return o.status === 'requested' && o.grantor === here && o.requester !== here ? 'consent-asked' : null;
    default:
      return null;
  }
}

/** Whether a request addressed to `here` is open and near (`soon`) or past (`passed`) its deadline. */
export function deadlineDue(
  r: { kind: string; state: string; deadline: string | null; addressee: string | null; party: string },
  here: string,
  now: Date,
): 'soon' | 'passed' | null {
  if (r.kind !== 'request' || r.addressee !== here || r.party === here || !r.deadline) return null;
  if (FINAL_STATES.has(r.state as RequestState)) return null;
  if (isPast(r.deadline, now)) return 'passed';
  return isDueSoon(r.deadline, now) ? 'soon' : null;
}

/**
 * Whether a notification another Party sent to `here`, which `here` has not acknowledged, is
 * near (`soon`: in the last quarter of the time allowed — the last hour of a critical one's
 * four) or past its acknowledgement deadline.
 */
export function ackDue(
  n: { sender: string; severity: string; deadline: string },
  acknowledged: boolean,
  here: string,
  now: Date,
): 'soon' | 'passed' | null {
  if (n.sender === here || acknowledged) return null;
  if (isPast(n.deadline, now)) return 'passed';
  const window = ACK_WITHIN_MS[n.severity as Severity];
  if (window === undefined) return null;
  return Date.parse(n.deadline) - now.getTime() <= window / 4 ? 'soon' : null;
}

// The counting behind GET /api/v1/stats/activity: pure functions over what the walk
// (activity.ts) brought back through the policy gate, so nothing here can see more than
// the reader may.

export interface ObjectFact {
  day: string;
  party: string;
  type: string;
}
export interface NotificationFact {
  sender: string;
  severity: string;
  deadline: string;
  /** The deliveries the reader may see: the sender sees all, a recipient its own. */
  deliveries: { party: string; deliveredAt: string; acknowledgedAt: string | null }[];
}
export interface RequestFact {
  requester: string;
  addressee: string;
  state: string;
  sentAt: string;
  deadline: string;
  answeredAt: string | null;
  open: boolean;
}

export interface Timeliness {
  party: string;
  /** Notifications delivered to this Party in the period, acknowledged, and acknowledged by their deadline. */
  delivered: number;
  acknowledged: number;
  acknowledged_in_time: number;
  /** Median hours from delivery to acknowledgement; null when none was acknowledged. */
  median_ack_hours: number | null;
  /** Requests addressed to this Party, answered, answered by their deadline, and still open past it. */
  requests: number;
  answered: number;
  answered_in_time: number;
  median_answer_hours: number | null;
  overdue_open: number;
}

const HOUR = 3_600_000;

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  const v = s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  return Math.round(v * 10) / 10;
}

function countBy<T>(xs: readonly T[], key: (x: T) => string[]): { key: string[]; count: number }[] {
  const m = new Map<string, { key: string[]; count: number }>();
  for (const x of xs) {
    const k = key(x);
    const id = k.join('\u0000');
    const e = m.get(id);
    if (e) e.count++;
    else m.set(id, { key: k, count: 1 });
  }
  return [...m.values()].sort((a, b) => a.key.join().localeCompare(b.key.join()));
}

export const objectsByDay = (facts: readonly ObjectFact[]) =>
  countBy(facts, (f) => [f.day, f.party, f.type]).map(({ key: [day, party, type], count }) => ({
    day: day!,
    party: party!,
    type: type!,
    count,
  }));

export const notificationsBySeverity = (facts: readonly NotificationFact[]) =>
  countBy(facts, (f) => [f.severity]).map(({ key: [severity], count }) => ({ severity: severity!, count }));

/** Requests by state and by the other side of the request, as the reader sees it. */
export const requestsByState = (facts: readonly RequestFact[], reader: string) =>
  countBy(facts, (f) => [f.state, f.requester === reader ? f.addressee : f.requester]).map(
    ({ key: [state, party], count }) => ({ state: state!, party: party!, count }),
  );

export function timeliness(
  notifications: readonly NotificationFact[],
  requests: readonly RequestFact[],
  now: Date,
): Timeliness[] {
  const rows = new Map<string, Timeliness & { ackHours: number[]; answerHours: number[] }>();
  const row = (party: string) => {
    let r = rows.get(party);
    if (!r) {
      r = {
        party,
        delivered: 0,
        acknowledged: 0,
        acknowledged_in_time: 0,
        median_ack_hours: null,
        requests: 0,
        answered: 0,
        answered_in_time: 0,
        median_answer_hours: null,
        overdue_open: 0,
        ackHours: [],
        answerHours: [],
      };
      rows.set(party, r);
    }
    return r;
  };
  for (const n of notifications) {
    for (const d of n.deliveries) {
      const r = row(d.party);
      r.delivered++;
      if (d.acknowledgedAt === null) continue;
      r.acknowledged++;
      if (d.acknowledgedAt <= n.deadline) r.acknowledged_in_time++;
      r.ackHours.push((Date.parse(d.acknowledgedAt) - Date.parse(d.deliveredAt)) / HOUR);
    }
  }
  for (const q of requests) {
    const r = row(q.addressee);
    r.requests++;
    if (q.answeredAt !== null) {
      r.answered++;
      if (q.answeredAt <= q.deadline) r.answered_in_time++;
      r.answerHours.push((Date.parse(q.answeredAt) - Date.parse(q.sentAt)) / HOUR);
    } else if (q.open && Date.parse(q.deadline) < now.getTime()) {
      r.overdue_open++;
    }
  }
  return [...rows.values()]
    .sort((a, b) => a.party.localeCompare(b.party))
    .map(({ ackHours, answerHours, ...r }) => ({
      ...r,
      median_ack_hours: median(ackHours),
      median_answer_hours: median(answerHours),
    }));
}

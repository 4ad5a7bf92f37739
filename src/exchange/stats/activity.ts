// What the Overview's charts count, over any period, walked through the same gate as every
// listing: objects through pageVersions, notifications and requests through their services'
// lists (which show a recipient its own deliveries only). A walk has a ceiling, so a period
// with more than that is answered in part and says so (`complete: false`).

import type { Audience } from '../../node/disclosure.js';
import type { AccordNode } from '../../node/node.js';
import { pageVersions } from '../../node/pager.js';
import { isoToMicros, listingHorizon, listVersions, microsToIso } from '../../store/index.js';
import { listNotifications } from '../notification-service.js';
import type { Ctx } from '../records.js';
import { FINAL_STATES } from '../request-machine.js';
import { listRequests } from '../request-service.js';
import {
  type NotificationFact,
  notificationsBySeverity,
  type ObjectFact,
  objectsByDay,
  type RequestFact,
  requestsByState,
  timeliness,
} from './tally.js';

export const OBJECT_CEILING = 100_000;
export const RECORD_CEILING = 5_000;
const PAGE = 1_000;
const RECORD_PAGE = 200;

export interface Period {
  /** First and last calendar day (UTC), both included. */
  from: string;
  to: string;
}

const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
const inPeriod = (iso: string, p: Period) => iso.slice(0, 10) >= p.from && iso.slice(0, 10) <= p.to;

async function objectFacts(node: AccordNode, audience: Audience, p: Period) {
  const db = node.store.db;
  const start = isoToMicros(`${p.from}T00:00:00Z`)!;
  const facts: ObjectFact[] = [];
  let after: number | undefined = isoToMicros(dayAfter(p.to));
  for (;;) {
    const page = await pageVersions(
      node,
      audience,
      'rest',
      {
        horizon: (from, budget) => listingHorizon(db, { latestOnly: true, newestFirst: true }, from, budget),
        fetch: (from, until, n) =>
          listVersions(db, {
            limit: n,
            newestFirst: true,
            until: until === null ? start : Math.max(until, start),
            ...(from === undefined ? {} : { after: from }),
          }),
        position: (v) => v.dateAdded,
      },
      PAGE,
      after,
    );
    for (const v of page.items) {
      facts.push({ day: microsToIso(v.dateAdded).slice(0, 10), party: v.party, type: v.type });
    }
    if (page.next === null || page.next < start) return { facts, complete: true };
    if (facts.length >= OBJECT_CEILING) return { facts, complete: false };
    after = page.next;
  }
}

/** Walks a newest-first record list until it passes the period's start. */
async function walkRecords<T extends { createdAt: string }>(
  list: (before?: number) => Promise<{ items: T[]; next: number | null }>,
  p: Period,
) {
  const out: T[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await list(before);
    out.push(...page.items.filter((x) => inPeriod(x.createdAt, p)));
    const older = page.items.length > 0 && page.items.every((x) => x.createdAt.slice(0, 10) < p.from);
    if (page.next === null || older) return { items: out, complete: true };
    if (out.length >= RECORD_CEILING) return { items: out, complete: false };
    before = page.next;
  }
}

export async function activity(node: AccordNode, ctx: Ctx, p: Period, now = new Date()) {
  const reader = ctx.user.party;
  const objects = await objectFacts(node, ctx.audience, p);
  const notes = await walkRecords((b) => listNotifications(node, ctx, {}, RECORD_PAGE, b), p);
  const reqs = await walkRecords((b) => listRequests(node, ctx, {}, RECORD_PAGE, b), p);
  const notifications: NotificationFact[] = notes.items.map((n) => ({
    sender: n.sender,
    severity: n.severity,
    deadline: n.deadline,
    deliveries: n.deliveries,
  }));
  const requests: RequestFact[] = reqs.items
    .filter((r) => r.state !== 'draft')
    .map((r) => ({
      requester: r.requester,
      addressee: r.addressee,
      state: r.state,
      sentAt: r.sentAt ?? r.createdAt,
      deadline: r.deadline,
      answeredAt: r.response?.at ?? null,
      open: !FINAL_STATES.has(r.state),
    }));
  return {
    from: p.from,
    to: p.to,
    complete: objects.complete && notes.complete && reqs.complete,
    objects: objectsByDay(objects.facts),
    notifications: notificationsBySeverity(notifications),
    requests: requestsByState(requests, reader),
    timeliness: timeliness(notifications, requests, now),
  };
}

// Turns received objects into queued alert deliveries. An alert's payload is a disclosure to
// its subscriber: the object it describes passes the gate for the subscriber's Party and user
// on the `alert` channel (and is audited there), and the payload carries that reader's copy
// only. A subscriber who may not see the object gets no alert about it at all.
import { randomUUID } from 'node:crypto';
import { disclosedObject } from '../../node/disclosed.js';
import { type Audience, decideDisclosure } from '../../node/disclosure.js';
import type { AccordNode } from '../../node/node.js';
import { listDeliveries, listRecords } from '../../store/exchange-repo.js';
import {
  type AlertSubscriptionRow,
  latestCopiesList,
  listAlertSubscriptions,
  queueAlertDelivery,
} from '../../store/index.js';
import { ALERT_EVENT_TEXT, type AlertEvent, ackDue, alertEventOf, deadlineDue } from './alert-events.js';

export function subscriberAudience(s: AlertSubscriptionRow): Audience {
  return {
    recipient: { kind: 'party', party: s.party },
    actor: s.user_name
      ? { kind: 'user', id: s.user_name, party: s.party }
      : { kind: 'system', id: `alerts:${s.role ?? 'all'}`, party: s.party },
    exercise: null,
  };
}

const wants = (s: AlertSubscriptionRow, event: AlertEvent) =>
  (JSON.parse(s.events) as string[]).includes(event);

/** Queues the alerts `objectId` raises as `event` for every subscription of the node's Party. */
export async function queueAlert(
  node: AccordNode,
  event: AlertEvent,
  objectId: string,
  extra: Record<string, unknown> = {},
  dedupeKey: string = objectId,
): Promise<number> {
  const here = node.settings.party;
  const subs = (await listAlertSubscriptions(node.store.db, here)).filter((s) => wants(s, event));
  if (subs.length === 0) return 0;
  const versions = await latestCopiesList(node.store.db, [objectId]);
  let queued = 0;
  for (const s of subs) {
    const { allowed } = await decideDisclosure(node, subscriberAudience(s), versions, 'alert');
    const seen = allowed[0];
    if (!seen) continue;
    const now = new Date().toISOString();
    const body = JSON.stringify({
      event,
      text: ALERT_EVENT_TEXT[event],
      node: node.settings.nodeId,
      party: here,
      subscription: s.id,
      at: now,
      ...extra,
      object: disclosedObject(seen),
    });
    const fresh = await queueAlertDelivery(node.store.db, {
      id: randomUUID(),
      party: here,
      subscription_id: s.id,
      event,
      object_id: objectId,
      dedupe_key: dedupeKey,
      body,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      last_status: null,
      last_error: null,
      created_at: now,
      delivered_at: null,
    });
    if (fresh) queued++;
  }
  return queued;
}

/** The alerts that objects just received from peers raise on this node. */
export async function alertsForReceived(node: AccordNode, objects: readonly Record<string, unknown>[]) {
  for (const o of objects) {
    const event = alertEventOf(o, node.settings.party);
    if (event && typeof o.id === 'string') await queueAlert(node, event, o.id);
  }
}

/**
 * Requests addressed to this node's Party, still open, whose deadline is within three days or
 * past, and notifications to it not yet acknowledged near or past their acknowledgement
 * deadline: one alert when it comes near, one more when it passes.
 */
export async function queueDeadlineAlerts(node: AccordNode, now = new Date()): Promise<void> {
  const here = node.settings.party;
  const open = await listRecords(node.store.db, {
    kind: 'request',
    exercise: null,
    addressee: here,
    limit: 1000,
  });
  for (const r of open) {
    const due = deadlineDue(r, here, now);
    if (due) await queueAlert(node, 'deadline', r.id, { deadline: r.deadline, due }, `${r.id}#${due}`);
  }
  const notes = await listRecords(node.store.db, {
    kind: 'notification',
    exercise: null,
    involving: here,
    limit: 1000,
  });
  for (const r of notes) {
    if (r.party === here || !r.deadline) continue;
    const n = JSON.parse(r.json) as { severity?: string };
    const mine = (await listDeliveries(node.store.db, r.id)).find((d) => d.party === here);
    if (!mine) continue;
    const due = ackDue(
      { sender: r.party, severity: n.severity ?? '', deadline: r.deadline },
      mine.ackedAt !== null,
      here,
      now,
    );
    if (due) await queueAlert(node, 'deadline', r.id, { deadline: r.deadline, due }, `${r.id}#${due}`);
  }
}

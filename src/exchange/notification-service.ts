// Notifications of Article 7: made by a Party, delivered to every Party in force or to named
// ones (released to them alone through the markings), acknowledged by each, escalated when
// past their deadline unacknowledged.

import { AccordError } from '../errors.js';
import { partiesInForceOn, todayUtc } from '../node/agreement-service.js';
import { partyIdentity } from '../node/identity.js';
import type { AccordNode } from '../node/node.js';
import type { TlpLevel } from '../policy/index.js';
import {
  ackDelivery,
  addDeliveries,
  addEvent,
  getRecord,
  listDeliveries,
  listEvents,
  type RecordRow,
  saveRecord,
} from '../store/exchange-repo.js';
import { ackDeadline, isPast } from './deadlines.js';
import { getExercise } from './exercise-service.js';
import {
  audit,
  type Ctx,
  exerciseOf,
  markingsFor,
  newId,
  pageRecords,
  publish,
  refsFor,
  stamp,
  str,
  strs,
  tlpOf,
  visibleRecord,
} from './records.js';
import {
  acknowledgementType,
  type Notification,
  type NotificationKind,
  notificationToStix,
  type Severity,
} from './types/notification.js';

export interface NewNotification {
  kind: NotificationKind;
  severity: Severity;
  summary: string;
  body?: string;
  objectRefs?: string[];
  /** Parties named; absent: every Party in force. */
  recipients?: string[];
  tlp?: TlpLevel;
  /** Overrides the severity's deadline. */
  deadline?: string;
}

export interface NotificationView extends Notification {
  /** How many listed ids the reader may not see, left out of objectRefs (absent: none). */
  withheldRefs?: number;
  escalatedAt: string | null;
  overdue: boolean;
  /** The sender sees every recipient's; a recipient sees its own. */
  deliveries: {
    party: string;
    deliveredAt: string;
    acknowledgedAt: string | null;
    acknowledgedBy: string | null;
    overdue: boolean;
  }[];
}

interface Stored extends Notification {
  escalatedAt?: string;
}

export async function sendNotification(
  node: AccordNode,
  ctx: Ctx,
  input: NewNotification,
): Promise<NotificationView> {
  const sender = ctx.user.party;
  const at = stamp();
  const inForce = await partiesInForceOn(node, todayUtc());
  let deliveredTo: string[];
  if (input.recipients) {
    const named = [...new Set(input.recipients)].filter((p) => p !== sender);
    if (named.length === 0)
      throw new AccordError('ACCORD_VALIDATION', 'name at least one recipient Party other than your own');
    deliveredTo = named.sort();
  } else {
    // Inside an exercise, "all" means its participants: exercise data reaches no one else.
    const ex = exerciseOf(ctx);
    const within = ex ? new Set((await getExercise(node, ctx.user, ex)).parties) : null;
    deliveredTo = [...inForce].filter((p) => p !== sender && (!within || within.has(p))).sort();
  }
  const tlp = input.tlp ?? 'amber';
  const n: Stored = {
    id: newId('x-accord-notification'),
    kind: input.kind,
    severity: input.severity,
    summary: input.summary,
    ...(input.body ? { body: input.body } : {}),
    objectRefs: input.objectRefs ?? [],
    recipients: input.recipients ? deliveredTo : 'all',
    deliveredTo,
    tlp,
    sender,
    createdBy: ctx.user.name,
    createdAt: at,
    deadline: input.deadline ?? ackDeadline(input.severity, at),
    exercise: exerciseOf(ctx),
  };
  const m = markingsFor(sender, tlp, input.recipients ? [sender, ...deliveredTo] : undefined);
  const stix = notificationToStix(n, {
    id: n.id,
    createdByRef: partyIdentity(sender),
    created: at,
    modified: at,
    markingRefs: m.refs,
  });
  await publish(node, sender, n.exercise, stix, m.definitions);
  await saveRecord(node.store.db, rowOf(node, n));
  await addDeliveries(node.store.db, n.id, deliveredTo, at);
  await addEvent(node.store.db, sender, n.id, {
    at,
    actor: { party: sender, user: ctx.user.name },
    action: 'sent',
    details: { deliveredTo },
  });
  await audit(
    node,
    ctx,
    'notification.sent',
    { type: 'x-accord-notification', id: n.id },
    { deliveredTo, severity: n.severity, exercise: n.exercise },
  );
  return view(node, ctx, n.id);
}

function rowOf(node: AccordNode, n: Stored, seq?: number): RecordRow {
  return {
    party: n.sender,
    id: n.id,
    kind: 'notification',
    state: n.escalatedAt ? 'escalated' : 'sent',
    exercise: n.exercise,
    seq: seq ?? node.store.clock.next(),
    createdAt: n.createdAt,
    updatedAt: new Date().toISOString(),
    deadline: n.deadline,
    addressee: null,
    json: JSON.stringify(n),
  };
}

/** Reads it for the audience and escalates it, once, when first seen overdue. */
async function present(node: AccordNode, ctx: Ctx, row: RecordRow): Promise<NotificationView> {
  const n = JSON.parse(row.json) as Stored;
  const party = ctx.user.party;
  const all = await listDeliveries(node.store.db, n.id);
  const now = new Date();
  const past = isPast(n.deadline, now);
  const pending = all.filter((d) => d.ackedAt === null);
  if (past && pending.length > 0 && !n.escalatedAt) {
    n.escalatedAt = now.toISOString();
    await saveRecord(node.store.db, rowOf(node, n, row.seq));
    await addEvent(node.store.db, n.sender, n.id, {
      at: n.escalatedAt,
      actor: { party: node.settings.party, user: 'system' },
      action: 'escalated',
      details: { unacknowledged: pending.map((d) => d.party) },
    });
    await audit(
      node,
      ctx,
      'notification.escalated',
      { type: 'x-accord-notification', id: n.id },
      {
        deadline: n.deadline,
        unacknowledged: pending.map((d) => d.party),
      },
    );
  }
  const mine = n.sender === party ? all : all.filter((d) => d.party === party);
  const deliveries = mine.map((d) => ({
    party: d.party,
    deliveredAt: d.deliveredAt,
    acknowledgedAt: d.ackedAt,
    acknowledgedBy: d.ackedBy,
    overdue: d.ackedAt === null && past,
  }));
  const listed = await refsFor(node, ctx.audience, n.sender, n.objectRefs);
  return {
    ...n,
    objectRefs: listed.refs,
    ...(listed.withheld > 0 ? { withheldRefs: listed.withheld } : {}),
    escalatedAt: n.escalatedAt ?? null,
    overdue: deliveries.some((d) => d.overdue),
    deliveries,
  };
}

export async function view(node: AccordNode, ctx: Ctx, id: string): Promise<NotificationView> {
  const row = await visibleRecord(
    node,
    ctx.audience,
    await getRecord(node.store.db, 'notification', id),
    'notification',
    id,
  );
  return present(node, ctx, row);
}

export interface NotificationFilter {
  box?: 'inbox' | 'sent';
  kind?: string;
  severity?: string;
  overdue?: boolean;
  unacknowledged?: boolean;
}

export async function listNotifications(
  node: AccordNode,
  ctx: Ctx,
  f: NotificationFilter,
  limit: number,
  before?: number,
) {
  const party = ctx.user.party;
  const page = await pageRecords(
    node,
    ctx.audience,
    { kind: 'notification', ...(f.box === 'sent' ? { party } : { involving: party }) },
    limit,
    before,
  );
  const items: NotificationView[] = [];
  for (const row of page.rows) {
    if (f.box === 'inbox' && row.party === party) continue;
    const v = await present(node, ctx, row);
    if (f.kind && v.kind !== f.kind) continue;
    if (f.severity && v.severity !== f.severity) continue;
    if (f.overdue !== undefined && v.overdue !== f.overdue) continue;
    if (
      f.unacknowledged !== undefined &&
      v.deliveries.some((d) => d.acknowledgedAt === null) !== f.unacknowledged
    )
      continue;
    items.push(v);
  }
  return { items, next: page.next };
}

/** A recipient Party acknowledges; its receipt is an x-accord-acknowledgement released to the sender. */
export async function acknowledge(node: AccordNode, ctx: Ctx, id: string): Promise<NotificationView> {
  const party = ctx.user.party;
  const row = await visibleRecord(
    node,
    ctx.audience,
    await getRecord(node.store.db, 'notification', id),
    'notification',
    id,
  );
  const n = JSON.parse(row.json) as Stored;
  if (!n.deliveredTo.includes(party)) {
    throw new AccordError(
      'ACCORD_FORBIDDEN',
      `${party} is not a recipient of ${id}: only recipients acknowledge`,
    );
  }
  const at = stamp();
  const first = await ackDelivery(node.store.db, id, party, ctx.user.name, at);
  if (!first) throw new AccordError('ACCORD_CONFLICT', `${party} has already acknowledged ${id}`);
  const m = markingsFor(party, 'amber', [party, n.sender]);
  const ack = acknowledgementType.toStix(
    {
      id: newId('x-accord-acknowledgement'),
      createdByRef: partyIdentity(party),
      created: at,
      modified: at,
      markingRefs: m.refs,
    },
    { notification_ref: id, party, acknowledged_by: ctx.user.name, acknowledged_at: at },
  );
  await publish(node, party, n.exercise, ack, m.definitions);
  await addEvent(node.store.db, n.sender, id, {
    at,
    actor: { party, user: ctx.user.name },
    action: 'acknowledged',
    details: {},
  });
  await audit(node, ctx, 'notification.acknowledged', { type: 'x-accord-notification', id }, { party });
  return present(node, ctx, row);
}

/**
 * A notification another Party's node sent, received through federation: it becomes a record
 * of this node, with a delivery for each recipient, so its users find it in their inbox and
 * acknowledge it here. What the record says comes from the signed object alone.
 */
export async function receiveNotification(node: AccordNode, o: Record<string, unknown>): Promise<void> {
  const id = str(o, 'id');
  const sender = str(o, 'sender');
  if (!id || !sender || sender === node.settings.party) return;
  // The record is written last: once it is there, its deliveries and history are too. A run
  // cut short before it is run again on the next receipt and adds only what is missing.
  if (await getRecord(node.store.db, 'notification', id)) return;
  const recipients = o.recipients === 'all' ? 'all' : (strs(o, 'recipients') ?? []);
  const n: Stored = {
    id,
    kind: str(o, 'kind') as Notification['kind'],
    // Copies made before the rename say `severity`; their signature keeps the old name.
    severity: (str(o, 'notification_severity') ?? str(o, 'severity')) as Notification['severity'],
    summary: str(o, 'summary') ?? '',
    ...(str(o, 'body') ? { body: str(o, 'body')! } : {}),
    objectRefs: strs(o, 'object_refs') ?? [],
    recipients,
    deliveredTo: strs(o, 'delivered_to') ?? [],
    // The markings the sender gave it: a recipient shows RED as RED, GREEN as GREEN.
    tlp: tlpOf(o) ?? 'amber',
    sender,
    createdBy: str(o, 'sent_by') ?? sender,
    createdAt: str(o, 'created') ?? stamp(),
    deadline: str(o, 'deadline') ?? stamp(),
    exercise: str(o, 'exercise') ?? null,
  };
  const listed = new Set((await listDeliveries(node.store.db, id)).map((d) => d.party));
  await addDeliveries(
    node.store.db,
    id,
    n.deliveredTo.filter((p) => !listed.has(p)),
    stamp(),
  );
  if (!(await listEvents(node.store.db, id)).some((e) => e.action === 'received'))
    await addEvent(node.store.db, sender, id, {
      at: n.createdAt,
      actor: { party: sender, user: n.createdBy },
      action: 'received',
      details: { from: sender },
    });
  await saveRecord(node.store.db, rowOf(node, n));
}

/** A recipient's acknowledgement, made on its own node, reaches the sender's and others'. */
export async function receiveAcknowledgement(node: AccordNode, o: Record<string, unknown>): Promise<void> {
  const ref = str(o, 'notification_ref');
  const party = str(o, 'party');
  if (!ref || !party || party === node.settings.party) return;
  if (!(await getRecord(node.store.db, 'notification', ref))) return;
  const at = str(o, 'acknowledged_at') ?? stamp();
  const by = str(o, 'acknowledged_by') ?? party;
  const acked = await ackDelivery(node.store.db, ref, party, by, at);
  // A run cut short after the delivery was marked: the history entry is made on the next one.
  const noted = async () =>
    (await listEvents(node.store.db, ref)).some(
      (e) => e.action === 'acknowledged' && e.actor.party === party,
    );
  const marked = async () =>
    (await listDeliveries(node.store.db, ref)).some((d) => d.party === party && d.ackedAt !== null);
  if (acked || ((await marked()) && !(await noted()))) {
    const row = await getRecord(node.store.db, 'notification', ref);
    const sender = row ? (JSON.parse(row.json) as Stored).sender : party;
    await addEvent(node.store.db, sender, ref, {
      at,
      actor: { party, user: by },
      action: 'acknowledged',
      details: {},
    });
  }
}

import type { Selectable } from 'kysely';
import type { Db } from './database.js';
import type { AlertDeliveriesTable, AlertSubscriptionsTable } from './schema.js';

export type AlertSubscriptionRow = Selectable<AlertSubscriptionsTable>;
export type AlertDeliveryRow = Selectable<AlertDeliveriesTable>;

export async function addAlertSubscription(db: Db, row: AlertSubscriptionRow): Promise<void> {
  await db.kysely.insertInto('alert_subscriptions').values(row).execute();
}

export async function listAlertSubscriptions(
  db: Db,
  party: string,
  userName?: string,
): Promise<AlertSubscriptionRow[]> {
  let q = db.kysely.selectFrom('alert_subscriptions').selectAll().where('party', '=', party);
  if (userName !== undefined) q = q.where('user_name', '=', userName);
  return q.orderBy('created_at').orderBy('id').execute();
}

export async function allAlertSubscriptions(db: Db): Promise<AlertSubscriptionRow[]> {
  return db.kysely.selectFrom('alert_subscriptions').selectAll().orderBy('id').execute();
}

export async function getAlertSubscription(db: Db, id: string): Promise<AlertSubscriptionRow | undefined> {
  return db.kysely.selectFrom('alert_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteAlertSubscription(db: Db, id: string): Promise<boolean> {
  const r = await db.kysely.deleteFrom('alert_subscriptions').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Queues a delivery once: the same event about the same object reaches a subscription once. */
export async function queueAlertDelivery(db: Db, row: AlertDeliveryRow): Promise<boolean> {
  const r = await db.kysely
    .insertInto('alert_deliveries')
    .values(row)
    .onConflict((oc) => oc.columns(['subscription_id', 'event', 'dedupe_key']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function dueAlertDeliveries(db: Db, now: string, limit: number): Promise<AlertDeliveryRow[]> {
  return db.kysely
    .selectFrom('alert_deliveries')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
}

export async function recordAlertAttempt(
  db: Db,
  id: string,
  outcome: Pick<
    AlertDeliveryRow,
    'status' | 'attempts' | 'next_attempt_at' | 'last_status' | 'last_error' | 'delivered_at'
  >,
): Promise<void> {
  await db.kysely.updateTable('alert_deliveries').set(outcome).where('id', '=', id).execute();
}

export async function listAlertDeliveries(
  db: Db,
  party: string,
  opts: { subscriptionIds?: readonly string[]; limit: number },
): Promise<AlertDeliveryRow[]> {
  let q = db.kysely.selectFrom('alert_deliveries').selectAll().where('party', '=', party);
  if (opts.subscriptionIds) {
    if (opts.subscriptionIds.length === 0) return [];
    q = q.where('subscription_id', 'in', [...opts.subscriptionIds]);
  }
  return q.orderBy('created_at', 'desc').orderBy('id').limit(opts.limit).execute();
}

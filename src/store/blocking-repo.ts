// Blocking statistics (Article 6): one row per resource and criterion of a blocking request,
// counted per criterion, addressee Party and month.

import { sql } from 'kysely';
import type { Db } from './database.js';
import { exchangeDb } from './exchange-repo.js';

export interface BlockingItem {
  party: string;
  requestId: string;
  resource: string;
  criterion: string;
  addressee: string;
  month: string;
  exercise: string | null;
}

export async function addBlockingItems(db: Db, items: readonly BlockingItem[]): Promise<void> {
  if (items.length === 0) return;
  await exchangeDb(db)
    .insertInto('blocking_items')
    .values(
      items.map((i) => ({
        party: i.party,
        request_id: i.requestId,
        resource: i.resource,
        criterion: i.criterion,
        addressee: i.addressee,
        month: i.month,
        outcome: 'requested' as const,
        decided_at: null,
        exercise: i.exercise,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function decideBlockingItems(
  db: Db,
  requestId: string,
  resources: readonly string[],
  outcome: 'blocked' | 'refused',
  at: string,
): Promise<void> {
  if (resources.length === 0) return;
  await exchangeDb(db)
    .updateTable('blocking_items')
    .set({ outcome, decided_at: at })
    .where('request_id', '=', requestId)
    .where('resource', 'in', [...resources])
    .execute();
}

export interface StatsQuery {
  /** The Party whose requests (made or received) are counted. */
  involving: string;
  exercise: string | null;
  criterion?: string;
  party?: string;
  month?: string;
}

export interface StatsRow {
  criterion: string;
  party: string;
  month: string;
  requested: number;
  blocked: number;
  refused: number;
}

export async function blockingStats(db: Db, q: StatsQuery): Promise<StatsRow[]> {
  let query = exchangeDb(db)
    .selectFrom('blocking_items')
    .select([
      'criterion',
      'addressee',
      'month',
      sql<number>`count(*)`.as('requested'),
      sql<number>`sum(case when outcome = 'blocked' then 1 else 0 end)`.as('blocked'),
      sql<number>`sum(case when outcome = 'refused' then 1 else 0 end)`.as('refused'),
    ])
    .where((eb) => eb.or([eb('party', '=', q.involving), eb('addressee', '=', q.involving)]));
  query =
    q.exercise === null ? query.where('exercise', 'is', null) : query.where('exercise', '=', q.exercise);
  if (q.criterion) query = query.where('criterion', '=', q.criterion);
  if (q.party) query = query.where('addressee', '=', q.party);
  if (q.month) query = query.where('month', '=', q.month);
  const rows = await query
    .groupBy(['criterion', 'addressee', 'month'])
    .orderBy('month', 'desc')
    .orderBy('criterion')
    .orderBy('addressee')
    .execute();
  return rows.map((r) => ({
    criterion: r.criterion,
    party: r.addressee,
    month: r.month,
    requested: Number(r.requested),
    blocked: Number(r.blocked),
    refused: Number(r.refused),
  }));
}

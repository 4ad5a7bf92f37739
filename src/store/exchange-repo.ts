// Workflow rows of the exchange. The records' content is JSON the services define; this
// module stores, filters and pages it, and keeps deliveries and histories.

import type { Kysely } from 'kysely';
import type { Db } from './database.js';
import type { ExchangeTables } from './exchange-schema.js';
import type { Database } from './schema.js';

export function exchangeDb(db: Db): Kysely<Database & ExchangeTables> {
  return db.kysely.withTables<ExchangeTables>();
}

export interface RecordRow {
  party: string;
  id: string;
  kind: string;
  state: string;
  exercise: string | null;
  seq: number;
  createdAt: string;
  updatedAt: string;
  deadline: string | null;
  addressee: string | null;
  json: string;
}

type Raw = {
  party: string;
  id: string;
  kind: string;
  state: string;
  exercise: string | null;
  seq: number;
  created_at: string;
  updated_at: string;
  deadline: string | null;
  addressee: string | null;
  json: string;
};

function toRow(r: Raw): RecordRow {
  return {
    party: r.party,
    id: r.id,
    kind: r.kind,
    state: r.state,
    exercise: r.exercise,
    seq: Number(r.seq),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deadline: r.deadline,
    addressee: r.addressee,
    json: r.json,
  };
}

export async function saveRecord(db: Db, row: RecordRow): Promise<void> {
  const values = {
    party: row.party,
    id: row.id,
    kind: row.kind,
    state: row.state,
    exercise: row.exercise,
    seq: row.seq,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    deadline: row.deadline,
    addressee: row.addressee,
    json: row.json,
  };
  await exchangeDb(db)
    .insertInto('exchange_records')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['party', 'id']).doUpdateSet({
        state: values.state,
        updated_at: values.updated_at,
        deadline: values.deadline,
        addressee: values.addressee,
        json: values.json,
      }),
    )
    .execute();
}

export async function getRecord(db: Db, kind: string, id: string): Promise<RecordRow | undefined> {
  const r = await exchangeDb(db)
    .selectFrom('exchange_records')
    .selectAll()
    .where('id', '=', id)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return r ? toRow(r as Raw) : undefined;
}

export interface RecordQuery {
  kind: string;
  /** null: real-world records only. */
  exercise: string | null;
  state?: string;
  party?: string;
  addressee?: string;
  /** Only records some of whose deliveries go to this Party, or that it made. */
  involving?: string;
  ids?: readonly string[];
  /** Keyset cursor: records with seq below this (lists run newest first). */
  before?: number;
  /** Not below this seq: a listing's horizon (src/node/pager.ts). */
  until?: number;
  limit: number;
  /** Rows to pass over first; only for finding a horizon, never for paging. */
  offset?: number;
}

export async function listRecords(db: Db, q: RecordQuery): Promise<RecordRow[]> {
  const x = exchangeDb(db);
  let query = x.selectFrom('exchange_records').selectAll().where('kind', '=', q.kind);
  query =
    q.exercise === null ? query.where('exercise', 'is', null) : query.where('exercise', '=', q.exercise);
  if (q.state) query = query.where('state', '=', q.state);
  if (q.party) query = query.where('party', '=', q.party);
  if (q.addressee) query = query.where('addressee', '=', q.addressee);
  if (q.ids) query = q.ids.length === 0 ? query.where('id', '=', '') : query.where('id', 'in', [...q.ids]);
  if (q.involving) {
    const p = q.involving;
    query = query.where((eb) =>
      eb.or([
        eb('party', '=', p),
        eb('addressee', '=', p),
        eb(
          'id',
          'in',
          x.selectFrom('exchange_deliveries').select('record_id').where('exchange_deliveries.party', '=', p),
        ),
      ]),
    );
  }
  if (q.before !== undefined) query = query.where('seq', '<', q.before);
  if (q.until !== undefined) query = query.where('seq', '>=', q.until);
  let ordered = query.orderBy('seq', 'desc').limit(q.limit);
  if (q.offset) ordered = ordered.offset(q.offset);
  const rows = await ordered.execute();
  return rows.map((r) => toRow(r as Raw));
}

export interface Delivery {
  party: string;
  deliveredAt: string;
  ackedAt: string | null;
  ackedBy: string | null;
}

export async function addDeliveries(db: Db, recordId: string, parties: readonly string[], at: string) {
  if (parties.length === 0) return;
  await exchangeDb(db)
    .insertInto('exchange_deliveries')
    .values(
      parties.map((p) => ({
        party: p,
        record_id: recordId,
        delivered_at: at,
        acked_at: null,
        acked_by: null,
      })),
    )
    .execute();
}

export async function listDeliveries(db: Db, recordId: string): Promise<Delivery[]> {
  const rows = await exchangeDb(db)
    .selectFrom('exchange_deliveries')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('party')
    .execute();
  return rows.map((r) => ({
    party: r.party,
    deliveredAt: r.delivered_at,
    ackedAt: r.acked_at,
    ackedBy: r.acked_by,
  }));
}

/** Records the first acknowledgement of a Party; false when it had already acknowledged. */
export async function ackDelivery(db: Db, recordId: string, party: string, by: string, at: string) {
  const r = await exchangeDb(db)
    .updateTable('exchange_deliveries')
    .set({ acked_at: at, acked_by: by })
    .where('party', '=', party)
    .where('record_id', '=', recordId)
    .where('acked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface HistoryEvent {
  seq: number;
  at: string;
  actor: { party: string; user: string };
  action: string;
  details: Record<string, unknown>;
}

export async function addEvent(db: Db, party: string, recordId: string, e: Omit<HistoryEvent, 'seq'>) {
  const x = exchangeDb(db);
  const last = await x
    .selectFrom('exchange_events')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('party', '=', party)
    .where('record_id', '=', recordId)
    .executeTakeFirst();
  await x
    .insertInto('exchange_events')
    .values({
      party,
      record_id: recordId,
      seq: Number(last?.m ?? 0) + 1,
      at: e.at,
      actor: JSON.stringify(e.actor),
      action: e.action,
      json: JSON.stringify(e.details),
    })
    .execute();
}

export async function listEvents(db: Db, recordId: string): Promise<HistoryEvent[]> {
  const rows = await exchangeDb(db)
    .selectFrom('exchange_events')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actor: JSON.parse(r.actor),
    action: r.action,
    details: JSON.parse(r.json),
  }));
}

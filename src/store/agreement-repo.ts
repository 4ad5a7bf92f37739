import type { Kysely, Transaction } from 'kysely';
import type { AgreementDefinition, AgreementEvent, DepositaryNotice } from '../agreement/index.js';
import type { Db } from './database.js';
import type { Database } from './schema.js';

/** A treaty event as this node recorded it. */
export interface RecordedAgreementEvent {
  id: string;
  agreement: string;
  event: AgreementEvent;
  recordedAt: string;
  recordedBy: string;
  /**
   * 'depositary': recorded on the depositary's node or received signed from it; 'local': typed
   * in by hand on another node (it counts there only while the node follows no depositary).
   */
  origin: EventOrigin;
}

export type EventOrigin = 'depositary' | 'local';

export interface StoredDepositaryNotice {
  id: string;
  agreement: string;
  eventId: string;
  createdAt: string;
  notice: DepositaryNotice;
}

type Queryable = Db | Transaction<Database>;

// Reads run both outside a transaction (status) and inside the one that records (validation).
function q(db: Queryable): Kysely<Database> {
  return 'kysely' in db ? db.kysely : db;
}

/** The events recorded on this node for an agreement, in date order, then in order of recording. */
export async function listAgreementEvents(
  db: Queryable,
  agreementKey: string,
): Promise<RecordedAgreementEvent[]> {
  const rows = await q(db)
    .selectFrom('agreement_events')
    .selectAll()
    .where('agreement', '=', agreementKey)
    .orderBy('date')
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    agreement: r.agreement,
    event: JSON.parse(r.json) as AgreementEvent,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
    origin: r.origin === 'depositary' ? 'depositary' : 'local',
  }));
}

/** Whether an event with this id is recorded: a depositary's event arrives once per copy sent. */
export async function hasAgreementEvent(db: Queryable, agreementKey: string, id: string): Promise<boolean> {
  const r = await q(db)
    .selectFrom('agreement_events')
    .select('id')
    .where('agreement', '=', agreementKey)
    .where('id', '=', id)
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertAgreementEvent(
  trx: Transaction<Database>,
  r: RecordedAgreementEvent,
): Promise<void> {
  await trx
    .insertInto('agreement_events')
    .values({
      agreement: r.agreement,
      id: r.id,
      kind: r.event.kind,
      date: r.event.date,
      party: 'party' in r.event ? r.event.party : null,
      json: JSON.stringify(r.event),
      recorded_at: r.recordedAt,
      recorded_by: r.recordedBy,
      origin: r.origin,
    })
    .execute();
}

export async function insertDepositaryNotice(
  trx: Transaction<Database>,
  n: StoredDepositaryNotice,
): Promise<void> {
  await trx
    .insertInto('depositary_notices')
    .values({
      agreement: n.agreement,
      id: n.id,
      event_id: n.eventId,
      created_at: n.createdAt,
      json: JSON.stringify(n.notice),
    })
    .execute();
}

/** The notices of an agreement, oldest first: what the exchange layer has to deliver. */
export async function listDepositaryNotices(
  db: Queryable,
  agreementKey: string,
): Promise<StoredDepositaryNotice[]> {
  const rows = await q(db)
    .selectFrom('depositary_notices')
    .selectAll()
    .where('agreement', '=', agreementKey)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    agreement: r.agreement,
    eventId: r.event_id,
    createdAt: r.created_at,
    notice: JSON.parse(r.json) as DepositaryNotice,
  }));
}

const KEY = 'agreement';

/**
 * The definition `accord init --agreement FILE` stored, or undefined when the node uses the
 * shipped default. It was checked by parseAgreementDefinition before it was written.
 */
export async function readAgreementDefinition(db: Db): Promise<AgreementDefinition | undefined> {
  const r = await db.kysely.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  return r ? (JSON.parse(r.value) as AgreementDefinition) : undefined;
}

export async function writeAgreementDefinition(db: Db, def: AgreementDefinition): Promise<void> {
  const value = JSON.stringify(def);
  await db.kysely
    .insertInto('settings')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

const DEPOSITARY_KEY = 'agreement.depositary';

/**
 * The node id of the depositary's node this node follows (its key is pinned as a peer), or
 * undefined when it follows none: then every event recorded here counts.
 */
export async function readDepositaryNode(db: Db): Promise<string | undefined> {
  const r = await db.kysely
    .selectFrom('settings')
    .select('value')
    .where('key', '=', DEPOSITARY_KEY)
    .executeTakeFirst();
  return r ? (JSON.parse(r.value) as { node: string }).node : undefined;
}

export async function writeDepositaryNode(db: Db, nodeId: string): Promise<void> {
  const value = JSON.stringify({ node: nodeId });
  await db.kysely
    .insertInto('settings')
    .values({ key: DEPOSITARY_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

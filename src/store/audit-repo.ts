import type { Transaction } from 'kysely';
import type { Db } from './database.js';
import { dialectOf } from './dialect.js';
import type { AuditLogTable, Database } from './schema.js';

type Row = Omit<AuditLogTable, 'seq'> & { seq: number };

/** An audit entry as stored; the chain's rules live in src/audit, above the store. */
export interface AuditRecord {
  seq: number;
  at: string;
  actor: unknown;
  action: string;
  subject?: unknown;
  details?: unknown;
  prevHash: string;
  hash: string;
}

function toEntry(r: Row): AuditRecord {
  const e: AuditRecord = {
    seq: Number(r.seq),
    at: r.at,
    actor: JSON.parse(r.actor),
    action: r.action,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
  if (r.subject !== null) e.subject = JSON.parse(r.subject);
  if (r.details !== null) e.details = JSON.parse(r.details);
  return e;
}

/**
 * Appends entries to the chain in one transaction: `extend` gets the last stored entry,
 * read under the write lock, so two writers can never chain onto the same predecessor.
 */
export async function appendAuditRecords<E extends AuditRecord>(
  db: Db,
  party: string,
  extend: (last: AuditRecord | null) => E[],
): Promise<E[]> {
  // Inside a caller's transaction (writeWithAudit), the entries commit or roll back with it.
  if (db.kysely.isTransaction) return appendIn(db, db.kysely as Transaction<Database>, party, extend);
  return db.kysely.transaction().execute((trx) => appendIn(db, trx, party, extend));
}

async function appendIn<E extends AuditRecord>(
  db: Db,
  trx: Transaction<Database>,
  party: string,
  extend: (last: AuditRecord | null) => E[],
): Promise<E[]> {
  await dialectOf(db).lock(trx, 'audit');
  const last = await trx
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const out = extend(last ? toEntry(last as Row) : null);
  if (out.length === 0) return out;
  await trx
    .insertInto('audit_log')
    .values(
      out.map((e) => ({
        seq: e.seq,
        party,
        at: e.at,
        actor: JSON.stringify(e.actor),
        action: e.action,
        subject: e.subject === undefined ? null : JSON.stringify(e.subject),
        details: e.details === undefined ? null : JSON.stringify(e.details),
        prev_hash: e.prevHash,
        hash: e.hash,
      })),
    )
    .execute();
  return out;
}

export interface AuditQuery {
  action?: string;
  /** Entries with seq greater than this. */
  after?: number;
  since?: string;
  until?: string;
  limit: number;
}

export async function listAudit(db: Db, q: AuditQuery): Promise<AuditRecord[]> {
  let query = db.kysely.selectFrom('audit_log').selectAll();
  if (q.action) query = query.where('action', '=', q.action);
  if (q.after !== undefined) query = query.where('seq', '>', q.after);
  if (q.since) query = query.where('at', '>=', q.since);
  if (q.until) query = query.where('at', '<=', q.until);
  const rows = await query.orderBy('seq').limit(q.limit).execute();
  return rows.map((r) => toEntry(r as Row));
}

/** Whether an entry of this action names exactly this subject: for what is written once only. */
export async function hasAuditEntry(db: Db, action: string, subject: unknown): Promise<boolean> {
  const row = await db.kysely
    .selectFrom('audit_log')
    .select('seq')
    .where('action', '=', action)
    .where('subject', '=', JSON.stringify(subject))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every entry in chain order, a page at a time, for verification. */
export async function* readAuditChain(db: Db, pageSize = 5000): AsyncGenerator<AuditRecord[]> {
  let after = 0;
  for (;;) {
    const rows = await db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    const page = rows.map((r) => toEntry(r as Row));
    after = page.at(-1)!.seq;
    yield page;
  }
}

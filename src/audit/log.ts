import { type AuditRecord, appendAuditRecords, type Db, readAuditChain } from '../store/index.js';
import { type AuditBody, type AuditEntry, appendEntry } from './chain.js';
import { verifyChain } from './verify.js';

/**
 * What the log needs of whoever keeps it: a database and the Party whose chain it is. A node
 * is one; the log knows nothing else of it, so it sits below the node in the layers.
 */
export interface AuditHost {
  readonly store: { readonly db: Db };
  readonly settings: { readonly party: string };
}

/** Appends to the host's audit chain; the entries are durable when this resolves. */
export async function recordAudit(node: AuditHost, bodies: readonly AuditBody[]): Promise<AuditEntry[]> {
  if (bodies.length === 0) return [];
  return appendAuditRecords(node.store.db, node.settings.party, (last) => {
    let prev = last as AuditEntry | null;
    return bodies.map((body) => {
      prev = appendEntry(prev, body);
      return prev;
    });
  });
}

/**
 * Runs `write` on a transaction and appends `bodies` to the audit chain in the same one: the
 * record and its audit entry are both committed or neither is, whatever fails or crashes
 * between them. `write` must use the database it is given, never the host's own.
 */
export async function writeWithAudit<T>(
  host: AuditHost,
  bodies: readonly AuditBody[],
  write: (db: Db) => Promise<T>,
): Promise<T> {
  return host.store.db.kysely.transaction().execute(async (trx) => {
    const db: Db = { ...host.store.db, kysely: trx };
    const out = await write(db);
    await recordAudit({ store: { db }, settings: host.settings }, bodies);
    return out;
  });
}

/** Reads the whole chain from the store and checks it. */
export async function verifyStoredChain(node: AuditHost): Promise<ReturnType<typeof verifyChain>> {
  const all: AuditRecord[] = [];
  for await (const page of readAuditChain(node.store.db)) all.push(...page);
  return verifyChain(all as AuditEntry[]);
}

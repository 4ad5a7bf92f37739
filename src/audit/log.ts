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

/** Reads the whole chain from the store and checks it. */
export async function verifyStoredChain(node: AuditHost): Promise<ReturnType<typeof verifyChain>> {
  const all: AuditRecord[] = [];
  for await (const page of readAuditChain(node.store.db)) all.push(...page);
  return verifyChain(all as AuditEntry[]);
}

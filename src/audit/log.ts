import type { AccordNode } from '../node/node.js';
import { type AuditRecord, appendAuditRecords, readAuditChain } from '../store/index.js';
import { type AuditBody, type AuditEntry, appendEntry } from './chain.js';
import { verifyChain } from './verify.js';

/** Appends to the node's audit chain; the entries are durable when this resolves. */
export async function recordAudit(node: AccordNode, bodies: readonly AuditBody[]): Promise<AuditEntry[]> {
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
export async function verifyStoredChain(node: AccordNode): Promise<ReturnType<typeof verifyChain>> {
  const all: AuditRecord[] = [];
  for await (const page of readAuditChain(node.store.db)) all.push(...page);
  return verifyChain(all as AuditEntry[]);
}

import type { Consent } from '../policy/index.js';
import { listEffectiveConsents } from '../store/index.js';
import { cacheSlot } from './caches.js';
import type { AccordNode } from './node.js';

interface Kept {
  /** The store's commit stamp before the read. */
  stamp: string;
  consents: readonly Consent[];
}

const KEPT = cacheSlot('effective consents', () => ({ kept: undefined as Kept | undefined }));

/**
 * The consents that can cover a disclosure, as the store holds them now. Every disclosure
 * asks; where the store can say that nothing was committed since the last read (SQLite's
 * commit stamp, which counts every process's commits), the list read then is still the
 * list, and a consent granted or withdrawn anywhere changes the stamp. Elsewhere
 * (PostgreSQL) the store is read every time.
 */
export async function effectiveConsents(
  node: AccordNode,
  /** A stamp the caller read since its request began (lookups have one): saves reading it again. */
  fresh?: string,
): Promise<readonly Consent[]> {
  const db = node.store.db;
  const slot = node.caches.get(KEPT);
  const stamp = fresh ?? db.commitStamp();
  if (stamp !== undefined && slot.kept?.stamp === stamp) return slot.kept.consents;
  const consents = (await listEffectiveConsents(db)) as Consent[];
  // One list serves every disclosure until the next commit: nobody may change it.
  for (const c of consents) Object.freeze(c);
  Object.freeze(consents);
  slot.kept = stamp === undefined ? undefined : { stamp, consents };
  return consents;
}

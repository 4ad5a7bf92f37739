// The newest copies a lookup confirms its candidates on, read once and kept while nothing is
// committed to the store. A firewall asks about the same hot addresses many times a second;
// reading each one's newest row, parsing its JSON and its pattern again cost a lookup that
// found something five times one that found nothing (docs/performance.md). Only what the
// store holds is kept, never what the gate decided: every answer still goes to the policy.

import { cacheSlot } from '../node/caches.js';
import type { AccordNode } from '../node/node.js';
import { latestCopies, type StoredVersion } from '../store/index.js';
import { type ObjectObservable, observablesOf } from './object-observables.js';

/** A Party's newest copy of an object, not revoked, as a lookup reads it. */
export interface HeldCopy {
  readonly version: Readonly<StoredVersion>;
  readonly object: Readonly<Record<string, unknown>>;
  readonly observables: readonly ObjectObservable[];
}

// Kept at once, in ids and in characters of stored JSON; past either the cache starts over
// rather than grow with the store. The second bound is for objects near the size limit: a
// batch lookup of 10,000 values must not pin 10,000 of them in memory.
const MAX_IDS = 20_000;
const MAX_CHARS = 32 * 1024 * 1024;

interface Kept {
  /** The commit stamp the copies were read under; undefined keeps nothing. */
  stamp: string | undefined;
  byId: Map<string, readonly HeldCopy[]>;
  /** Characters of stored JSON in `byId`. */
  chars: number;
}

const KEPT = cacheSlot<Kept>('lookup held copies', () => ({ stamp: undefined, byId: new Map(), chars: 0 }));

function startOver(kept: Kept, stamp: string | undefined): void {
  kept.stamp = stamp;
  kept.byId = new Map();
  kept.chars = 0;
}

/**
 * Every Party's newest, unrevoked copy of each id (lower case, as the index gives them).
 * `stamp` is a commit stamp read before this call (undefined where the store gives none, or
 * inside a transaction): copies read under an equal stamp are still the newest, because any
 * commit since, by this process or another, would have changed it. Copies are read after the
 * stamp, so a commit in between can only make them newer than it says, and then no later
 * stamp equals it.
 */
export async function heldCopies(
  node: AccordNode,
  ids: readonly string[],
  stamp: string | undefined,
): Promise<Map<string, readonly HeldCopy[]>> {
  const kept = node.caches.get(KEPT);
  if (stamp === undefined || kept.stamp !== stamp) startOver(kept, stamp);
  const out = new Map<string, readonly HeldCopy[]>();
  const missing: string[] = [];
  for (const id of ids) {
    const copies = kept.byId.get(id);
    if (copies) out.set(id, copies);
    else missing.push(id);
  }
  if (missing.length === 0) return out;
  const read = await latestCopies(node.store.db, missing);
  // Another call may have started over meanwhile, under a newer stamp: then these copies
  // answer this call only.
  const keep = stamp !== undefined && kept.stamp === stamp;
  if (keep && kept.byId.size + missing.length > MAX_IDS) startOver(kept, stamp);
  for (const id of missing) {
    const copies = (read.get(id) ?? []).filter((v) => !v.revoked).map(held);
    out.set(id, copies);
    if (!keep) continue;
    const chars = copies.reduce((n, c) => n + c.version.json.length, 0);
    if (kept.chars + chars > MAX_CHARS) startOver(kept, stamp);
    if (chars <= MAX_CHARS) {
      kept.byId.set(id, copies);
      kept.chars += chars;
    }
  }
  return out;
}

function held(v: StoredVersion): HeldCopy {
  const object = JSON.parse(v.json) as Record<string, unknown>;
  // Shared by every lookup until the next commit: nobody may change them.
  return Object.freeze({
    version: Object.freeze(v),
    object: Object.freeze(object),
    observables: Object.freeze(observablesOf(object)),
  });
}

import { cacheSlot } from './caches.js';
import type { AccordNode } from './node.js';

/**
 * "Something was stored or deleted on this node": the federation pusher listens so that it
 * pushes at once rather than on its next timer. Only a nudge — the store's log says what
 * changed — so a missed nudge (another process wrote) costs latency, never data.
 */
export type ChangeListener = (change: StoreChange) => void;

/** `origin`: the node that made what was stored, when known — a relay cares only about some. */
export interface StoreChange {
  origin: string | null;
}

const LISTENERS = cacheSlot('store change listeners', () => new Set<ChangeListener>());

export function onStoreChanged(node: AccordNode, listener: ChangeListener): () => void {
  const set = node.caches.get(LISTENERS);
  set.add(listener);
  return () => set.delete(listener);
}

/** Called after a commit that added versions or tombstones. */
export function storeChanged(node: AccordNode, change: StoreChange = { origin: null }): void {
  for (const l of node.caches.get(LISTENERS)) {
    try {
      l(change);
    } catch (e) {
      // A listener's failure is its own; the writer's commit stands.
      node.log.warn({ err: e }, 'a store change listener failed');
    }
  }
}

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

const listeners = new WeakMap<AccordNode, Set<ChangeListener>>();

export function onStoreChanged(node: AccordNode, listener: ChangeListener): () => void {
  let set = listeners.get(node);
  if (!set) {
    set = new Set();
    listeners.set(node, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

/** Called after a commit that added versions or tombstones. */
export function storeChanged(node: AccordNode, change: StoreChange = { origin: null }): void {
  const set = listeners.get(node);
  if (!set) return;
  for (const l of set) {
    try {
      l(change);
    } catch {
      // A listener's failure is its own; the writer's commit stands.
    }
  }
}

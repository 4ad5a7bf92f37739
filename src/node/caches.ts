/**
 * A slot in a node's cache holder: how its value is first made. The slot object itself is
 * the key, so two modules can never collide on a name, and its type says what it holds.
 */
export interface CacheSlot<T> {
  readonly name: string;
  readonly make: () => T;
}

export function cacheSlot<T>(name: string, make: () => T): CacheSlot<T> {
  return { name, make };
}

/**
 * What services keep in memory for one node (marking definitions, the Agreement's log, the
 * cursor key, …), held by the node so that it lives and dies with it: closing the node drops
 * it, and two nodes in one process (the demo, tests) never share an entry.
 */
export class NodeCaches {
  readonly #values = new Map<CacheSlot<unknown>, unknown>();

  /** The slot's value, made on first use. */
  get<T>(slot: CacheSlot<T>): T {
    if (this.#values.has(slot)) return this.#values.get(slot) as T;
    const value = slot.make();
    this.#values.set(slot, value);
    return value;
  }

  set<T>(slot: CacheSlot<T>, value: T): void {
    this.#values.set(slot, value);
  }

  delete(slot: CacheSlot<unknown>): void {
    this.#values.delete(slot);
  }

  /** The names of the slots in use, for diagnostics and tests. */
  names(): string[] {
    return [...this.#values.keys()].map((s) => s.name);
  }

  clear(): void {
    this.#values.clear();
  }
}

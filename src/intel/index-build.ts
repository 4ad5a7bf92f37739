// The node's observable index: built from the store in slices that give the event loop back
// (so /healthz answers while a million rows are read), then kept current from the store's log
// by every lookup. What a lookup may answer from it is lookup-service.ts's business.

import { cacheSlot } from '../node/caches.js';
import type { AccordNode } from '../node/node.js';
import { checkJsonLimits } from '../stix/limits.js';
import { countLatestOfTypesInSteps, highWaterDateAdded, listVersions } from '../store/index.js';
import { OBSERVABLE_TYPES, readObservables } from './object-observables.js';
import { ObservableIndex } from './observable-index.js';

const INDEXED_TYPES = [...OBSERVABLE_TYPES, 'sighting'];
// Small pages: a page's rows live while it is indexed, and 5,000 at a time survived long
// enough to be promoted, growing the heap a node holding a million indicators keeps (RSS
// 550 MB after the build instead of 350 MB). A page is also one slice of work between two
// turns of the event loop: 250 rows take 1–3 ms on an idle core.
const SCAN_PAGE = 250;

/**
 * Where the first build of the index stands. `cold`: nobody asked yet, and the first lookup
 * builds it while it waits (the CLI). `building`: `accord serve` started it in the
 * background, and lookups answer 503 rather than "unknown" from half an index.
 */
export type IndexPhase =
  | { kind: 'cold' }
  /** `total` is null until the rows to index have been counted. */
  | { kind: 'building'; indexed: number; total: number | null }
  | { kind: 'ready' }
  | { kind: 'failed'; error: string };

export interface IndexState {
  index: ObservableIndex;
  highWater: number;
  /** Every row up to this date_added has been read, indexed or not (a non-indexed type). */
  checked: number;
  /** The store's commit stamp before the last scan that read to the end: while it holds, nothing is new. */
  stamp: string | undefined;
  running: Promise<void> | null;
  queued: Promise<void> | null;
  phase: IndexPhase;
}

const INDEX = cacheSlot<IndexState>('lookup index', () => ({
  index: new ObservableIndex(),
  highWater: -1,
  checked: -1,
  stamp: undefined,
  running: null,
  queued: null,
  phase: { kind: 'cold' },
}));

/** The node's index and where its build stands, made on first use. */
export function indexStateOf(node: AccordNode): IndexState {
  return node.caches.get(INDEX);
}
export function indexVersion(index: ObservableIndex, v: { id: string; type: string; json: string }): void {
  // A row the index cannot read is skipped and reported (GET /readyz), never thrown: one
  // poisoned row must not fail every lookup of every user.
  let object: Record<string, unknown>;
  try {
    object = JSON.parse(v.json) as Record<string, unknown>;
  } catch (e) {
    index.skip(v.id, `its stored JSON cannot be read: ${(e as Error).message}`);
    return;
  }
  if (object === null || typeof object !== 'object') {
    index.skip(v.id, 'its stored JSON is not an object');
    return;
  }
  // A row stored before the door's limits held may break readers downstream (exports, REST
  // serialisation): report it here, where every indexed row is read once at start.
  const limit = checkJsonLimits(object);
  if (limit) {
    index.skip(v.id, `${limit.path}: ${limit.message}`);
    return;
  }
  if (v.type === 'sighting') {
    if (typeof object.sighting_of_ref === 'string') index.addSighting(object.sighting_of_ref, v.id);
    return;
  }
  const read = readObservables(object);
  if (read.unreadable === undefined) index.readable(v.id);
  else index.skip(v.id, read.unreadable);
  for (const o of read.observables) index.add(v.id, o.value);
}

// Work on the event loop in slices: rows are indexed for a few milliseconds, then the loop
// is given back (setImmediate lets pending I/O run first), so /healthz and every other
// request answer while a million rows are indexed. A row costs tens of microseconds (its
// pattern is parsed), so a slice is a time budget, not a row count.
const SLICE_MS = 4;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function scan(node: AccordNode, s: IndexState): Promise<void> {
  // Every lookup refreshes, and almost every refresh finds nothing new. Where the store can
  // say that nothing was committed since the last scan (SQLite's commit stamp), that is asked
  // first; otherwise the store's highest date_added answers it for less than half the cost
  // of the page query (docs/performance.md).
  const stamp = node.store.db.commitStamp();
  if (stamp !== undefined && stamp === s.stamp) return;
  const top = await highWaterDateAdded(node.store.db);
  if (top <= s.checked) {
    s.stamp = stamp;
    return;
  }
  let sliceStart = performance.now();
  const maybeYield = async () => {
    if (performance.now() - sliceStart < SLICE_MS) return;
    await yieldToLoop();
    sliceStart = performance.now();
  };
  for (;;) {
    const rows = await listVersions(node.store.db, {
      types: INDEXED_TYPES,
      ...(s.highWater >= 0 ? { after: s.highWater } : {}),
      limit: SCAN_PAGE,
    });
    for (let i = 0; i < rows.length; i++) {
      indexVersion(s.index, rows[i]!);
      if ((i & 15) === 15) await maybeYield();
    }
    if (rows.length > 0) s.highWater = rows.at(-1)!.dateAdded;
    if (s.phase.kind === 'building') s.phase.indexed += rows.length;
    if (rows.length < SCAN_PAGE) {
      // Stamps are handed out in commit order under the ingest lock, so nothing at or below
      // `top` can appear after this.
      s.checked = Math.max(s.checked, top);
      s.stamp = stamp;
      return;
    }
    await maybeYield();
  }
}

/**
 * Starts the first build in the background (`accord serve`): until it ends, lookups answer
 * ACCORD_NOT_READY and /readyz 503 with the progress. Resolves when the index is complete.
 */
export async function buildIndexInBackground(node: AccordNode): Promise<void> {
  const s = indexStateOf(node);
  if (s.phase.kind === 'ready' || s.phase.kind === 'building') return refreshIndex(node);
  s.phase = { kind: 'building', indexed: 0, total: null };
  try {
    // The total is read once: rows committed meanwhile are indexed too, so `indexed` may pass it.
    s.phase.total = await countLatestOfTypesInSteps(node.store.db, INDEXED_TYPES, yieldToLoop);
    await refreshIndex(node);
    s.phase = { kind: 'ready' };
  } catch (e) {
    s.phase = { kind: 'failed', error: (e as Error).message };
    throw e;
  }
}

/** The first build's state, for /readyz. */
export function indexPhase(node: AccordNode): IndexPhase {
  const p = indexStateOf(node).phase;
  return p.kind === 'building' ? { ...p } : p;
}

/**
 * Brings the index up to the store's log. Every lookup calls it, so a value imported by
 * another process a moment ago is found; a caller arriving while a scan runs waits for
 * the next one, which starts after it and so sees what was committed before the call.
 * The next scan starts on the loop's next turn, so every lookup that arrived in this turn
 * shares it: under 50 clients asking at once the store is asked whether anything was
 * committed once a turn, not once a lookup (docs/performance.md).
 */
export function refreshIndex(node: AccordNode): Promise<void> {
  const s = indexStateOf(node);
  if (s.queued) return s.queued;
  const next = (async () => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await s.running?.catch(() => undefined);
    s.queued = null;
    s.running = scan(node, s);
    try {
      await s.running;
    } finally {
      s.running = null;
    }
  })();
  s.queued = next;
  return next;
}

/**
 * The commit stamp the index was last found complete under. After `await refreshIndex(node)`
 * it was read at or after that call, so a lookup can key what it keeps on it without asking
 * the store again; undefined where the store gives no stamp.
 */
export function confirmedStamp(node: AccordNode): string | undefined {
  return indexStateOf(node).stamp;
}

/** The node's index as it stands (for benchmarks and diagnostics). */
export function observableIndexOf(node: AccordNode): ObservableIndex {
  return indexStateOf(node).index;
}

// The one pager behind every listing that passes stored data through the policy gate: REST
// /objects and search, TAXII objects, manifest and versions, and the exchange record lists.
//
// What one request may cost is fixed whatever `limit` asks (docs/performance.md):
//   - the database looks at no more than SCAN_BUDGET rows past the position: the request's
//     horizon is found first (an index walk), and no query of the page goes beyond it;
//   - where the source can screen rows (ask the policy without disclosing anything), the page
//     keeps reading until it holds `limit` items, reaches the horizon or has screened
//     SCREEN_BUDGET rows, so a reader who may see few rows gets full pages, not empty ones with
//     `more`; only the rows served go through the gate proper, which records them. Without a screen, the gate is asked about
//     no more than max(limit, GATE_BUDGET) + 1 rows.
// Rows a reader could never see are left out in SQL where the source can (release-column.ts).
// A page that stops at the horizon comes back short (even empty) with a `next` position, as
// TAXII and our REST allow; that happens only after SCREEN_BUDGET rows the reader may not see.

import type { StoredVersion } from '../store/index.js';
import type { Disclosed } from './disclosed.js';
import { type Audience, type Channel, disclosable, screenVersions } from './disclosure.js';
import type { AccordNode } from './node.js';

export const SCAN_BUDGET = 50_000;
export const GATE_BUDGET = 1_000;
/** Rows screened at once when a page is short: large enough that a sparse walk takes few queries. */
export const SCREEN_BATCH = 1_000;
/**
 * Rows one request may screen to fill a short page. Screening is cheaper than the gate (no
 * audit, no redaction) but not free: a reader who may see almost nothing must not buy 50,000
 * policy decisions with each request it sends, or a flood of them starves everyone else of CPU.
 */
export const SCREEN_BUDGET = 4_000;

/** Rows in keyset order, the positions being opaque numbers that grow in walk order. */
export interface PageSource<R> {
  /** The position SCAN_BUDGET rows past `after`, or null when fewer remain. */
  horizon(after: number | undefined, budget: number): Promise<number | null>;
  /** Up to `limit` candidate rows past `after`, none beyond `until`, in walk order. */
  fetch(after: number | undefined, until: number | null, limit: number): Promise<R[]>;
  position(row: R): number;
}

export interface PageOf<R> {
  items: R[];
  /** Where the next page starts; null when nothing remains. */
  next: number | null;
}

/**
 * One page of what `gate` lets through. `gate` is the caller's single call into the policy
 * (`disclosable`, or a record list's `visibleRows` built on it); rows it refuses leave no
 * trace but the position, which the caller seals before handing it out.
 */
export async function pageThroughGate<R, O = R>(
  source: PageSource<R>,
  gate: (rows: R[]) => Promise<O[]>,
  limit: number,
  after?: number,
  /** The rows the gate would let through, decided without disclosing or recording anything. */
  screen?: (rows: R[]) => Promise<R[]>,
): Promise<PageOf<O>> {
  const until = await source.horizon(after, SCAN_BUDGET);
  if (screen) return screenedPage(source, gate, screen, limit, until, after);
  const gateBudget = Math.max(limit, GATE_BUDGET) + 1;
  const items: O[] = [];
  let position = after;
  let gated = 0;
  for (;;) {
    const want = Math.min(limit - items.length, gateBudget - gated);
    // One row beyond what is wanted tells whether anything follows, without a count.
    const rows = await source.fetch(position, until, want + 1);
    const batch = rows.slice(0, want);
    if (batch.length > 0) {
      items.push(...(await gate(batch)));
      gated += batch.length;
      position = source.position(batch.at(-1)!);
    }
    if (rows.length <= want) return { items, next: until };
    if (items.length >= limit || gated >= gateBudget) return { items, next: position ?? null };
  }
}

/**
 * The first `limit` rows go straight through the gate: a reader who may see them all (the
 * common case) costs one decision per row. When that leaves the page short, further rows are
 * screened a batch at a time, and of those that pass, only the ones the page takes are gated.
 */
async function screenedPage<R, O>(
  source: PageSource<R>,
  gate: (rows: R[]) => Promise<O[]>,
  screen: (rows: R[]) => Promise<R[]>,
  limit: number,
  until: number | null,
  after: number | undefined,
): Promise<PageOf<O>> {
  const head = await source.fetch(after, until, limit + 1);
  const first = head.slice(0, limit);
  const items = first.length > 0 ? await gate(first) : [];
  if (head.length <= limit) return { items, next: until };
  let position: number | undefined = source.position(first.at(-1)!);
  if (items.length >= limit) return { items, next: position };

  const passed: R[] = [];
  let next: number | null;
  let screened = 0;
  for (;;) {
    if (screened >= SCREEN_BUDGET) {
      // Short, with the position reached: the client asks again from there.
      next = position ?? null;
      break;
    }
    const want = limit - items.length - passed.length;
    const size = Math.max(want, SCREEN_BATCH);
    const rows = await source.fetch(position, until, size + 1);
    const batch = rows.slice(0, size);
    const ok = batch.length > 0 ? await screen(batch) : [];
    screened += batch.length;
    if (ok.length >= want) {
      passed.push(...ok.slice(0, want));
      const last = source.position(passed.at(-1)!);
      // The page ends at the last row it serves; when that is the last row there is, so does the walk.
      next = rows.length <= size && last === source.position(batch.at(-1)!) ? until : last;
      break;
    }
    passed.push(...ok);
    if (batch.length > 0) position = source.position(batch.at(-1)!);
    if (rows.length <= size) {
      next = until;
      break;
    }
  }
  if (passed.length > 0) items.push(...(await gate(passed)));
  return { items, next };
}

/** The same, for stored versions through `disclosable` on `channel`. */
export function pageVersions(
  node: AccordNode,
  audience: Audience,
  channel: Channel,
  source: PageSource<StoredVersion>,
  limit: number,
  after?: number,
): Promise<PageOf<Disclosed<StoredVersion>>> {
  return pageThroughGate(
    source,
    (rows) => disclosable(node, audience, rows, channel),
    limit,
    after,
    (rows) => screenVersions(node, audience, rows, channel),
  );
}

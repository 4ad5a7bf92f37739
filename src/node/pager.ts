// The one pager behind every listing that passes stored data through the policy gate: REST
// /objects and search, TAXII objects, manifest and versions, and the exchange record lists.
//
// What one request may cost is fixed whatever `limit` asks (docs/performance.md):
//   - the database looks at no more than SCAN_BUDGET rows past the position: the request's
//     horizon is found first (an index walk), and no query of the page goes beyond it. The
//     walk is taken to a near horizon first, a couple of pages out, and on to SCAN_BUDGET only
//     when the rows before the near one run out: a page most of whose rows the reader may see
//     then costs an index walk of two pages, not of fifty thousand rows;
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
 * The rows of a source up to the request's horizon. The horizon is found near first and
 * pushed out to SCAN_BUDGET rows only when a fetch runs into the near one: a fetch returns
 * fewer rows than asked only when nothing else lies before the final horizon, as it would
 * with the far horizon found at once.
 */
class Reach<R> {
  until: number | null = null;
  private final = false;

  private constructor(
    private readonly source: PageSource<R>,
    private readonly after: number | undefined,
  ) {}

  static async open<R>(source: PageSource<R>, after: number | undefined, limit: number): Promise<Reach<R>> {
    const reach = new Reach(source, after);
    const near = 2 * (limit + 1);
    if (near >= SCAN_BUDGET) {
      reach.until = await source.horizon(after, SCAN_BUDGET);
      reach.final = true;
    } else {
      reach.until = await source.horizon(after, near);
      // Fewer rows than the near budget remain: no farther horizon exists.
      reach.final = reach.until === null;
    }
    return reach;
  }

  async fetch(position: number | undefined, limit: number): Promise<R[]> {
    const rows = await this.source.fetch(position, this.until, limit);
    if (rows.length >= limit || this.final) return rows;
    this.final = true;
    this.until = await this.source.horizon(this.after, SCAN_BUDGET);
    const from = rows.length > 0 ? this.source.position(rows.at(-1)!) : position;
    return [...rows, ...(await this.source.fetch(from, this.until, limit - rows.length))];
  }
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
  const reach = await Reach.open(source, after, limit);
  if (screen) return screenedPage(reach, (r) => source.position(r), gate, screen, limit, after);
  const gateBudget = Math.max(limit, GATE_BUDGET) + 1;
  const items: O[] = [];
  let position = after;
  let gated = 0;
  for (;;) {
    const want = Math.min(limit - items.length, gateBudget - gated);
    // One row beyond what is wanted tells whether anything follows, without a count.
    const rows = await reach.fetch(position, want + 1);
    const batch = rows.slice(0, want);
    if (batch.length > 0) {
      items.push(...(await gate(batch)));
      gated += batch.length;
      position = source.position(batch.at(-1)!);
    }
    if (rows.length <= want) return { items, next: reach.until };
    if (items.length >= limit || gated >= gateBudget) return { items, next: position ?? null };
  }
}

/**
 * The first `limit` rows go straight through the gate: a reader who may see them all (the
 * common case) costs one decision per row. When that leaves the page short, further rows are
 * screened a batch at a time, and of those that pass, only the ones the page takes are gated.
 */
async function screenedPage<R, O>(
  reach: Reach<R>,
  positionOf: (row: R) => number,
  gate: (rows: R[]) => Promise<O[]>,
  screen: (rows: R[]) => Promise<R[]>,
  limit: number,
  after: number | undefined,
): Promise<PageOf<O>> {
  const head = await reach.fetch(after, limit + 1);
  const first = head.slice(0, limit);
  const items = first.length > 0 ? await gate(first) : [];
  if (head.length <= limit) return { items, next: reach.until };
  let position: number | undefined = positionOf(first.at(-1)!);
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
    const rows = await reach.fetch(position, size + 1);
    const batch = rows.slice(0, size);
    const ok = batch.length > 0 ? await screen(batch) : [];
    screened += batch.length;
    if (ok.length >= want) {
      passed.push(...ok.slice(0, want));
      const last = positionOf(passed.at(-1)!);
      // The page ends at the last row it serves; when that is the last row there is, so does the walk.
      next = rows.length <= size && last === positionOf(batch.at(-1)!) ? reach.until : last;
      break;
    }
    passed.push(...ok);
    if (batch.length > 0) position = positionOf(batch.at(-1)!);
    if (rows.length <= size) {
      next = reach.until;
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

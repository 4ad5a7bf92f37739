// The one pager behind every listing that passes stored data through the policy gate: REST
// /objects and search, TAXII objects, manifest and versions, and the exchange record lists.
//
// What one request may cost is fixed whatever `limit` asks (docs/performance.md):
//   - the database looks at no more than SCAN_BUDGET rows past the position: the request's
//     horizon is found first (an index walk), and no query of the page goes beyond it;
//   - the gate is asked about no more than max(limit, GATE_BUDGET) + 1 rows.
// Rows a reader could never see are left out in SQL where the source can (release-column.ts),
// so a page fills to `limit` wherever visible rows remain before the horizon. A page that
// stops at a bound comes back short with a `next` position, as TAXII and our REST allow.

import type { StoredVersion } from '../store/index.js';
import type { Disclosed } from './disclosed.js';
import { type Audience, type Channel, disclosable } from './disclosure.js';
import type { AccordNode } from './node.js';

export const SCAN_BUDGET = 50_000;
export const GATE_BUDGET = 1_000;

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
): Promise<PageOf<O>> {
  const until = await source.horizon(after, SCAN_BUDGET);
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

/** The same, for stored versions through `disclosable` on `channel`. */
export function pageVersions(
  node: AccordNode,
  audience: Audience,
  channel: Channel,
  source: PageSource<StoredVersion>,
  limit: number,
  after?: number,
): Promise<PageOf<Disclosed<StoredVersion>>> {
  return pageThroughGate(source, (rows) => disclosable(node, audience, rows, channel), limit, after);
}

import type { Disclosed } from '../../node/disclosed.js';
import { type Audience, disclosable } from '../../node/disclosure.js';
import type { AccordNode } from '../../node/node.js';
import type { StoredVersion } from '../../store/index.js';
import { selectVersionPage, type VersionPageQuery } from '../../store/taxii-query.js';
import type { Page } from './envelope.js';

// Rows the reader may not see are skipped without a trace, so a page can come back short
// with `more` true (the specification allows it). Scanning stops after this many rows so a
// reader who may see little cannot make one request walk the whole store.
const SCAN_LIMIT = 10_000;

export interface PageRequest {
  query: Omit<VersionPageQuery, 'after' | 'limit'>;
  limit: number;
  /** Exclusive date_added lower bound: the later of added_after and the `next` position. */
  after?: number;
  /** Makes the `next` token for a position. */
  token(position: number): string;
}

const key = (v: StoredVersion) => `${v.id}\u0000${v.modified}`;

/** Fills one page with versions the audience may see, every one through the policy gate. */
export async function readPage(node: AccordNode, audience: Audience, req: PageRequest): Promise<Page> {
  const items: Disclosed<StoredVersion>[] = [];
  let after = req.after;
  let scanned = 0;
  for (;;) {
    const want = req.limit - items.length;
    // One row beyond the page tells whether anything follows, without a count.
    const rows = await selectVersionPage(node.store.db, { ...req.query, after, limit: want + 1 });
    const batch = rows.slice(0, want);
    if (batch.length > 0) {
      // The gate's own values, in the batch's order: they may be the reader's copies.
      const allowed = new Map((await disclosable(node, audience, batch, 'taxii')).map((d) => [key(d), d]));
      for (const v of batch) {
        const d = allowed.get(key(v));
        if (d) items.push(d);
      }
      after = batch.at(-1)!.dateAdded;
      scanned += batch.length;
    }
    if (rows.length <= want) return { items, more: false };
    if (items.length >= req.limit || scanned >= SCAN_LIMIT) {
      return { items, more: true, next: req.token(after!) };
    }
  }
}

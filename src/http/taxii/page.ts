import { PUBLISHED_POSITIONS, publishedVersions, withPublished } from '../../exchange/definitions.js';
import type { Audience } from '../../node/disclosure.js';
import type { AccordNode } from '../../node/node.js';
import { type PageSource, pageVersions } from '../../node/pager.js';
import { releaseFilterFor } from '../../node/release-filter.js';
import { listingHorizon, type StoredVersion } from '../../store/index.js';
import { selectVersionPage, type VersionPageQuery } from '../../store/taxii-query.js';
import type { Page } from './envelope.js';

export interface PageRequest {
  query: Omit<VersionPageQuery, 'after' | 'until' | 'limit' | 'release'>;
  /** Which of the published definitions to list ahead of the stored rows (match[id], match[type]); null for none. */
  definitions: { ids?: readonly string[]; types?: readonly string[] } | null;
  limit: number;
  /** Exclusive date_added lower bound: the later of added_after and the `next` position. */
  after?: number;
  /** Makes the `next` token for a position. */
  token(position: number): Promise<string>;
}

/**
 * One page of versions the audience may see, through the one pager (src/node/pager.ts):
 * the database is asked only for rows the reader's Party could be shown, every row is
 * decided by the gate, and a page that stops at the pager's bounds comes back short with
 * `more` and a `next` token, as the specification allows.
 */
export async function readPage(node: AccordNode, audience: Audience, req: PageRequest): Promise<Page> {
  const db = node.store.db;
  const q = req.query;
  const v = q.versions;
  const latestOnly = v.last && !v.all && !v.first && v.keys.length === 0 && v.micros.length === 0;
  const release = await releaseFilterFor(node, audience);
  const window = { latestOnly, ...(q.ids ? { ids: q.ids } : {}), ...(q.types ? { types: q.types } : {}) };
  const stored: PageSource<StoredVersion> = {
    horizon: (after, budget) => listingHorizon(db, window, after, budget),
    fetch: (after, until, limit) =>
      selectVersionPage(db, {
        ...q,
        limit,
        release,
        ...(after === undefined ? {} : { after }),
        ...(until === null ? {} : { until }),
      }),
    position: (row) => row.dateAdded,
  };
  // Definitions lead the collection and have one version each: a page past them, or a request
  // for versions other than the latest, does not look at them.
  const source =
    req.definitions && (req.after ?? 0) < PUBLISHED_POSITIONS && (v.last || v.all || v.first)
      ? withPublished(stored, await publishedVersions(node), req.definitions)
      : stored;
  const page = await pageVersions(node, audience, 'taxii', source, req.limit, req.after);
  if (page.next === null) return { items: page.items, more: false };
  return { items: page.items, more: true, next: await req.token(page.next) };
}

import { type Disclosed, disclosedJson } from '../../node/disclosed.js';
import { microsToIso } from '../../store/clock.js';
import type { StoredVersion } from '../../store/index.js';
import { STIX_MEDIA_TYPE } from './media-type.js';

/** One page of a TAXII listing: the versions to serve and how to ask for the rest. */
export interface Page {
  items: Disclosed<StoredVersion>[];
  more: boolean;
  next?: string;
}

/**
 * An object's TAXII version: its `modified` (or `created`) as the store's microsecond key,
 * or — for objects with neither, such as SCOs — its date_added (specification §3.6).
 */
export function versionOf(v: StoredVersion): string {
  return v.modified === '' ? microsToIso(v.dateAdded) : v.modified;
}

function head(page: Page): string {
  return `{"more":${page.more}${page.next ? `,"next":${JSON.stringify(page.next)}` : ''}`;
}

/**
 * The envelope resource. Objects are spliced in as the canonical JSON the store holds: no
 * parse and re-serialise of a thousand objects per page. An empty page has no `objects`.
 */
export function envelopeJson(page: Page): string {
  if (page.items.length === 0) return `${head(page)}}`;
  return `${head(page)},"objects":[${page.items.map(disclosedJson).join(',')}]}`;
}

export function manifestJson(page: Page): string {
  if (page.items.length === 0) return `${head(page)}}`;
  const records = page.items.map((v) => ({
    id: v.id,
    date_added: microsToIso(v.dateAdded),
    version: versionOf(v),
    media_type: STIX_MEDIA_TYPE,
  }));
  return `${head(page)},"objects":${JSON.stringify(records)}}`;
}

export function versionsJson(page: Page): string {
  if (page.items.length === 0) return `${head(page)}}`;
  return `${head(page)},"versions":${JSON.stringify(page.items.map(versionOf))}}`;
}

/** X-TAXII-Date-Added-First/-Last: the date_added of the first and last item served. */
export function dateAddedHeaders(page: Page): Record<string, string> {
  const first = page.items[0];
  const last = page.items.at(-1);
  if (!first || !last) return {};
  return {
    'X-TAXII-Date-Added-First': microsToIso(first.dateAdded),
    'X-TAXII-Date-Added-Last': microsToIso(last.dateAdded),
  };
}

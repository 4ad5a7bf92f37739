import type { ObservableValue } from '../observable-keys.js';

/** One value of a feed: an observable an indicator is about, with where it came from. */
export interface FeedEntry {
  value: ObservableValue;
  /** As people write it (displayValue). */
  text: string;
  indicatorId: string;
  /** The indicator version's `modified`. */
  version: string;
  originator: string;
  name: string | null;
  confidence: number | null;
  validUntil: string | null;
  /** 1 for the first version of the indicator held here, +1 for each later one (Suricata rev). */
  rev: number;
}

export const FEED_KINDS = ['ipv4', 'ipv6', 'domain', 'url', 'hash', 'email'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

import type { StoredVersion } from '../store/index.js';
import type { AccordNode } from './node.js';

export type Channel =
  | 'rest'
  | 'lookup'
  | 'export'
  | 'taxii'
  | 'feed'
  | 'federation'
  | 'live'
  | 'console'
  | 'cli'
  | 'reference';

/** Who receives a disclosure: a user of a Party (or a peer node of that Party). */
export interface Audience {
  party: string;
  userId?: string;
}

// TEMPORARY until the policy core lands: originator-only.
export async function disclosable(
  _node: AccordNode,
  audience: Audience,
  versions: readonly StoredVersion[],
  _channel: Channel,
): Promise<StoredVersion[]> {
  return versions.filter((v) => v.party === audience.party);
}

// A summary of how far the originator released a version, written next to it at ingest so
// that a listing can leave out in SQL the rows a Party could never be shown. It only ever
// widens what `decide` would allow: rows it cannot summarise are marked "ask the gate".

import { effectiveMarkings } from './effective-markings.js';
import type { MarkingResolver } from './marking-info.js';

/**
 * `release`: `clear` anyone (TLP:CLEAR, nothing more restrictive); `*` every Party in force;
 * `|BY|KZ|` those Parties only; empty: the originator alone (TLP:RED naming nobody); `?` not
 * known at ingest, so every reader is a candidate.
 * `rank`: the classification rank a reader must be accredited for.
 */
export interface ReleaseSummary {
  release: string;
  rank: number;
}

export const RELEASE_UNKNOWN: ReleaseSummary = { release: '?', rank: 0 };

export function releaseSummary(
  object: Readonly<Record<string, unknown>>,
  resolve: MarkingResolver,
): ReleaseSummary {
  const m = effectiveMarkings(object, resolve);
  // Named bodies (identity ids) may be reached through a recipient's `org`, which a Party
  // code cannot express: leave those to the gate.
  if (m.unknown.length > 0 || (m.namedRecipients !== null && m.namedRecipients.size > 0)) {
    return RELEASE_UNKNOWN;
  }
  const rank = m.classificationRank;
  if (m.releasableTo !== null) return { release: partyList(m.releasableTo), rank };
  if (m.tlp === 'clear' && rank === 0) return { release: 'clear', rank };
  return { release: m.tlp === 'red' ? '' : '*', rank };
}

function partyList(parties: ReadonlySet<string>): string {
  return parties.size === 0 ? '' : `|${[...parties].sort().join('|')}|`;
}

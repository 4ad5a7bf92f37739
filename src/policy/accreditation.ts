// The door: a node declares the highest classification it may hold and refuses anything above
// it before storing a byte, with a message that says why. A marking that might hide a
// classification (an id we cannot resolve, a malformed Accord marking) is refused as well:
// a node cannot prove it may hold what it cannot read.

import { describeRank } from './classification-levels.js';
import { type EffectiveMarkings, effectiveMarkings } from './effective-markings.js';
import type { MarkingResolver } from './marking-info.js';

export type AccreditationCheck = { ok: true } | { ok: false; message: string };

export function checkAccreditation(markings: EffectiveMarkings, nodeRank: number): AccreditationCheck {
  const hidden = markings.unknown.filter((u) => u.mayClassify);
  if (hidden.length > 0) {
    const what = hidden.map((u) => `${u.id} (${u.why})`).join(', ');
    return {
      ok: false,
      message: `cannot tell whether this object is within this node's accreditation: ${what}; send the marking-definitions with the object`,
    };
  }
  if (markings.classificationRank > nodeRank) {
    const c = markings.classification;
    const stamp = c
      ? `«${c.level}» by ${c.party} (rank ${c.rank})`
      : describeRank(markings.classificationRank);
    return {
      ok: false,
      message: `the object is classified ${stamp}; this node is accredited up to ${describeRank(nodeRank)}`,
    };
  }
  return { ok: true };
}

/** The door check straight from a STIX object. */
export function checkObjectAccreditation(
  object: Readonly<Record<string, unknown>>,
  resolve: MarkingResolver,
  nodeRank: number,
): AccreditationCheck {
  return checkAccreditation(effectiveMarkings(object, resolve), nodeRank);
}

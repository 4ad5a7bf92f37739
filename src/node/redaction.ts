// The reader's copy of a container (docs/policy.md, "Containers"): the ids it lists that the
// reader may not see — or that this node does not hold, which must read the same — are left
// out and counted in `x_accord_withheld_refs`.
//
// Two readers get the object as it is. Its originator, which wrote those ids. And a peer
// node on the federation channel: it needs the originator's signed version to verify it,
// and it is entitled to the object itself; the ids alone disclose no content, and the
// receiving node withholds them from its own users by this same rule. A copy with ids left
// out (or an old property renamed, stix/reserved.ts) no longer matches the originator's
// signature, so it is served unsigned.

import { type Channel, containedIds, type Decision, withholdRefs } from '../policy/index.js';
import { canonicalJson } from '../stix/canonical.js';
import { withCurrentNames } from '../stix/reserved.js';
import type { StoredVersion } from '../store/index.js';
import type { Audience } from './disclosure.js';

function servedAsIs(audience: Audience, channel: Channel, v: StoredVersion): boolean {
  if (channel === 'federation') return true;
  return audience.recipient.kind === 'party' && audience.recipient.party === v.party;
}

/** The ids whose decisions the readers' copies of these versions depend on. */
export function containerRefs(
  audience: Audience,
  versions: readonly StoredVersion[],
  objects: readonly Record<string, unknown>[],
  channel: Channel,
): string[] {
  const ids: string[] = [];
  versions.forEach((v, i) => {
    if (!servedAsIs(audience, channel, v)) ids.push(...containedIds(objects[i]!));
  });
  return ids;
}

/**
 * The version to send: `v` itself, or a copy whose lists name only what `decisionOf` allows
 * (undefined: not held here, which is withheld too).
 */
export function redactFor(
  audience: Audience,
  channel: Channel,
  v: StoredVersion,
  object: Record<string, unknown>,
  decisionOf: (id: string) => Decision | undefined,
): StoredVersion {
  if (channel === 'federation') return v;
  // A copy signed before a property was renamed (stix/reserved.ts) reaches STIX readers under
  // the current name; peers above get the signed original, which they accept as it is.
  const renamed = withCurrentNames(object);
  const copy = servedAsIs(audience, channel, v)
    ? renamed
    : (withholdRefs(renamed ?? object, (id) => decisionOf(id)?.allow === true) ?? renamed);
  if (!copy) return v;
  return { ...v, json: canonicalJson(copy), signature: null };
}

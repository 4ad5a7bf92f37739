// A container names what it contains: a report's object_refs, a note's, an observed-data's,
// an Accord record's. Each id is itself a disclosure ("this exists, and it belongs with
// that"), so the copy a reader receives lists only the ids it may see and says how many
// were left out, without naming them. An id the node does not hold is left out too:
// otherwise "held but hidden" and "not held" would read differently.

/** The top-level property that says how many ids were left out of a reader's copy. */
export const WITHHELD_REFS_PROPERTY = 'x_accord_withheld_refs';

// Who made or marked something, and how it is extended, is not contents: identities,
// marking-definitions and extension-definitions name no intelligence and stay listed.
const NOT_CONTENTS = ['identity--', 'marking-definition--', 'extension-definition--'];

function isContents(id: string): boolean {
  return !NOT_CONTENTS.some((p) => id.startsWith(p));
}

/** Lists of ids that say which objects an object contains or cites; markings are not among them. */
function isContainerList(key: string, value: unknown): value is unknown[] {
  return key.endsWith('_refs') && key !== 'object_marking_refs' && Array.isArray(value);
}

/** Every id an object lists as contents (`*_refs` at the top level, markings aside). */
export function containedIds(object: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(object)) {
    if (!isContainerList(key, value)) continue;
    for (const v of value) if (typeof v === 'string' && isContents(v)) out.push(v);
  }
  return out;
}

/**
 * The reader's copy of `object`: every listed id `visible` refuses is dropped and counted in
 * `x_accord_withheld_refs`. Returns undefined when nothing was dropped (the object is sent as
 * it is). A list the object must not have empty (STIX requires object_refs on a report) keeps
 * its property with no items; the count tells the reader why.
 */
export function withholdRefs(
  object: Readonly<Record<string, unknown>>,
  visible: (id: string) => boolean,
): Record<string, unknown> | undefined {
  let withheld = 0;
  const copy: Record<string, unknown> = { ...object };
  for (const [key, value] of Object.entries(object)) {
    if (!isContainerList(key, value)) continue;
    const kept = value.filter((v) => typeof v !== 'string' || !isContents(v) || visible(v));
    if (kept.length === value.length) continue;
    withheld += value.length - kept.length;
    copy[key] = kept;
  }
  if (withheld === 0) return undefined;
  // Set, not added to: a count the sender wrote into its own object says nothing about this reader.
  copy[WITHHELD_REFS_PROPERTY] = withheld;
  return copy;
}

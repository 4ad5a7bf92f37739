// The markings that govern disclosing a whole object. Object-level and granular markings are
// combined and the most restrictive reading wins: a part marked TLP:RED makes the object
// TLP:RED for any decision about sending the object. A caller that wants to send the rest
// removes that part and its granular marking first, then asks again about what it will send.

import type { Designation } from './accord-markings.js';
import { UNCLASSIFIED_RANK } from './classification-levels.js';
import type { MarkingResolver } from './marking-info.js';
import { mostRestrictiveTlp, type TlpLevel } from './tlp.js';

/**
 * An unmarked object is treated as TLP:AMBER released to every Party in force: it stays among
 * the Parties (Article 10 forbids third parties without consent anyway) and nobody may pass
 * it beyond them. The sender chose no marking; we choose the reading that cannot leak.
 */
export const DEFAULT_TLP: TlpLevel = 'amber';

export interface EffectiveMarkings {
  /** The TLP that governs, after the floors below; never looser than any marking found. */
  tlp: TlpLevel;
  /** The most restrictive TLP marking actually present, or null for none. */
  declaredTlp: TlpLevel | null;
  /** Highest classification on the object, or null when unclassified. */
  classification: { party: string; level: string; rank: number } | null;
  classificationRank: number;
  restricted: readonly { party: string; designation: Designation }[];
  /** Parties the object is released to (intersection of all releasability markings); null: no such marking. */
  releasableTo: ReadonlySet<string> | null;
  /** Named recipients (identity ids) across releasability markings, intersected; null: no such marking. */
  namedRecipients: ReadonlySet<string> | null;
  /**
   * Markings that did not resolve or that we cannot read; any of these fails the decision
   * closed. `mayClassify`: it could be a classification we cannot see (a malformed Accord
   * marking), so the door refuses it too.
   */
  unknown: readonly UnknownMarking[];
}

export interface UnknownMarking {
  id: string;
  why: string;
  mayClassify: boolean;
}

function intersect(a: ReadonlySet<string> | null, b: readonly string[]): Set<string> {
  return a === null ? new Set(b) : new Set(b.filter((x) => a.has(x)));
}

function markingRefs(object: Readonly<Record<string, unknown>>): { refs: string[]; malformed: string[] } {
  const refs: string[] = [];
  const malformed: string[] = [];
  const omr = object.object_marking_refs;
  if (omr !== undefined) {
    if (Array.isArray(omr)) {
      for (const r of omr) {
        if (typeof r === 'string') refs.push(r);
        else malformed.push('object_marking_refs');
      }
    } else malformed.push('object_marking_refs');
  }
  const gm = object.granular_markings;
  if (gm !== undefined) {
    if (Array.isArray(gm)) {
      for (const g of gm) {
        const ref = g && typeof g === 'object' ? (g as Record<string, unknown>).marking_ref : undefined;
        if (typeof ref === 'string') refs.push(ref);
        // A language marking (`lang` instead of `marking_ref`) restricts nothing.
        else if (!(g && typeof g === 'object' && 'lang' in g)) malformed.push('granular_markings');
      }
    } else malformed.push('granular_markings');
  }
  return { refs, malformed };
}

export function effectiveMarkings(
  object: Readonly<Record<string, unknown>>,
  resolve: MarkingResolver,
): EffectiveMarkings {
  const { refs, malformed } = markingRefs(object);
  let declaredTlp: TlpLevel | null = null;
  let classification: EffectiveMarkings['classification'] = null;
  const restricted: { party: string; designation: Designation }[] = [];
  let releasableTo: Set<string> | null = null;
  let namedRecipients: Set<string> | null = null;
  const unknown: UnknownMarking[] = malformed.map((m) => ({
    id: m,
    why: `malformed ${m}`,
    mayClassify: true,
  }));

  for (const id of new Set(refs)) {
    const info = resolve(id);
    if (!info) {
      // Not `mayClassify`: Accord sends a classification's definition with every object that
      // carries it, so a bare id is some other producer's marking. The object is still held
      // for its originator alone until the definition arrives; refusing it at the door
      // would refuse ordinary STIX that cites definitions by id.
      unknown.push({ id, why: 'marking-definition not known to this node', mayClassify: false });
      continue;
    }
    switch (info.kind) {
      case 'tlp':
        declaredTlp = declaredTlp === null ? info.level : mostRestrictiveTlp(declaredTlp, info.level);
        break;
      case 'classification':
        if (!classification || info.rank > classification.rank) {
          classification = { party: info.party, level: info.level, rank: info.rank };
        }
        break;
      case 'restricted-access':
        restricted.push({ party: info.party, designation: info.designation });
        break;
      case 'releasability':
        releasableTo = intersect(releasableTo, info.parties);
        namedRecipients = intersect(namedRecipients, info.recipients);
        break;
      case 'statement':
        break;
      case 'unknown':
        unknown.push({ id, why: info.why, mayClassify: info.accord });
        break;
    }
  }

  // Floors: information restricted under a Party's law or classified is never public and
  // stays within the AMBER circle at least; a releasability list makes it not public either.
  let tlp = declaredTlp ?? DEFAULT_TLP;
  if (restricted.length > 0 || classification) tlp = mostRestrictiveTlp(tlp, 'amber');
  if (releasableTo !== null) tlp = mostRestrictiveTlp(tlp, 'green');

  return {
    tlp,
    declaredTlp,
    classification,
    classificationRank: classification?.rank ?? UNCLASSIFIED_RANK,
    restricted,
    releasableTo,
    namedRecipients,
    unknown,
  };
}

// Metadata is information too. An Accord marking-definition says who received something:
// "REL TO KG, TJ" shown to BY tells BY that KG and TJ were sent a report it was not. So an
// Accord definition is governed by what it says, as if it were marked with itself:
//
// - releasability: only the Parties (and named recipients) on the list, and its maker;
// - classification: only Parties accredited for that level (and never a third party) — it
//   marks information at that level, and a Party that may hold none has no use for it;
// - restricted-access: within the Parties in force (the AMBER floor), never a third party.
//
// TLP definitions, statements and other producers' definitions are unchanged: they name
// nobody. Any markings the definition carries itself still count, and the most restrictive
// reading wins, as for every object.

import { type EffectiveMarkings, effectiveMarkings } from './effective-markings.js';
import { type MarkingInfo, type MarkingResolver, markingInfoOf } from './marking-info.js';

const SELF_GOVERNED: ReadonlySet<MarkingInfo['kind']> = new Set([
  'releasability',
  'classification',
  'restricted-access',
]);

/** What an Accord marking-definition says, when it is one that governs its own disclosure. */
export function selfMarking(object: Readonly<Record<string, unknown>>): MarkingInfo | undefined {
  if (object.type !== 'marking-definition' || typeof object.id !== 'string') return undefined;
  const info = markingInfoOf(object);
  // A definition that claims to be Accord's but cannot be read fails closed through the
  // resolver below (unknown marking: its originator alone).
  if (info.kind === 'unknown') return info.accord ? info : undefined;
  return SELF_GOVERNED.has(info.kind) ? info : undefined;
}

/**
 * The markings that govern disclosing `object`: its own marking references, and — for an
 * Accord marking-definition — what the definition itself says.
 */
export function governingMarkings(
  object: Readonly<Record<string, unknown>>,
  resolve: MarkingResolver,
): EffectiveMarkings {
  const self = selfMarking(object);
  if (!self) return effectiveMarkings(object, resolve);
  const id = object.id as string;
  const own = Array.isArray(object.object_marking_refs) ? object.object_marking_refs : [];
  return effectiveMarkings({ ...object, object_marking_refs: [...own, id] }, (ref) =>
    ref === id ? self : resolve(ref),
  );
}

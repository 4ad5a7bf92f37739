// What a marking-definition means to the policy, whatever form it came in. The decision
// function sees markings only through a resolver returning these, so it needs no store.

import { type AccordMarking, parseAccordMarking } from './accord-markings.js';
import { type TlpLevel, tlpLevelOfDefinition, tlpLevelOfId } from './tlp.js';

export type MarkingInfo =
  | { kind: 'tlp'; level: TlpLevel }
  | AccordMarking
  /** A statement (copyright, terms of use): informs people, restricts nobody. */
  | { kind: 'statement'; statement: string }
  /** A marking we cannot read (ACS, IEP, a malformed Accord marking…): fails closed. */
  | { kind: 'unknown'; why: string /** claims to be an Accord marking */; accord: boolean };

export type MarkingResolver = (id: string) => MarkingInfo | undefined;

export function markingInfoOf(md: Readonly<Record<string, unknown>>): MarkingInfo {
  const tlp = tlpLevelOfDefinition(md);
  if (tlp) return { kind: 'tlp', level: tlp };
  const accord = parseAccordMarking(md);
  if (accord === 'invalid') return { kind: 'unknown', why: 'malformed Accord marking', accord: true };
  if (accord) return accord;
  if (md.definition_type === 'statement') {
    const s = (md.definition as Record<string, unknown> | undefined)?.statement;
    if (typeof s === 'string') return { kind: 'statement', statement: s };
  }
  return { kind: 'unknown', why: 'unrecognised marking-definition', accord: false };
}

/**
 * A resolver over the given marking-definitions plus the well-known TLP ids, which a bundle
 * may reference without carrying their objects.
 */
export function createMarkingResolver(
  definitions: Iterable<Readonly<Record<string, unknown>>>,
): MarkingResolver {
  const byId = new Map<string, MarkingInfo>();
  for (const md of definitions) {
    if (typeof md.id === 'string') byId.set(md.id, markingInfoOf(md));
  }
  return (id) => {
    const level = tlpLevelOfId(id);
    if (level) return { kind: 'tlp', level };
    return byId.get(id);
  };
}

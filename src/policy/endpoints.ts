// A relationship says something about both of its ends: "X indicates Y" names Y. So a
// relationship (or a sighting of something) reaches a recipient only where both its ends
// would; otherwise a GREEN edge would disclose that a RED object exists, and what it is
// tied to. An end the node does not hold counts as withheld too: otherwise an edge would
// show where the node does not hold its end and vanish where it holds one the reader may not
// see, telling the reader which (route-walk.test.ts). Its originator still sees it, and a
// peer node on the federation channel receives it (`unheld: 'pass'`): to a node entitled to
// the edge, an end's id alone discloses nothing, and that node applies this rule to its users.

import type { Decision } from './decide.js';

/** The ids an SRO is about, whose visibility it must not outrun. */
export function endpointIds(object: Readonly<Record<string, unknown>>): string[] {
  const ids: unknown[] = [];
  if (object.type === 'relationship') ids.push(object.source_ref, object.target_ref);
  if (object.type === 'sighting') {
    ids.push(object.sighting_of_ref);
    if (Array.isArray(object.observed_data_refs)) ids.push(...object.observed_data_refs);
  }
  return ids.filter((x): x is string => typeof x === 'string');
}

/**
 * The SRO's own decision, narrowed by its ends' decisions (undefined: not held here). Its
 * originator is never narrowed: it wrote the edge and learns nothing from it, whereas
 * withholding its own edge would tell it that a hidden end exists.
 */
export function withEndpoints(
  own: Decision,
  object: Readonly<Record<string, unknown>>,
  endpoint: (id: string) => Decision | undefined,
  unheld: 'withhold' | 'pass' = 'withhold',
): Decision {
  if (!own.allow || own.reason === 'originator') return own;
  for (const id of endpointIds(object)) {
    const d = endpoint(id);
    if (d ? !d.allow : unheld === 'withhold') {
      return {
        allow: false,
        reason: 'endpoint-withheld',
        message: `${String(object.id)} refers to ${id}, which the recipient may not see (${d && !d.allow ? d.reason : 'not held here'})`,
      };
    }
  }
  return own;
}

import type { ReleaseFilter } from '../store/index.js';
import { partiesInForceOn, todayUtc } from './agreement-service.js';
import { type Audience, accreditationOf } from './disclosure.js';
import type { AccordNode } from './node.js';

/**
 * What a listing may leave out in SQL for this audience. Only a Party in force today is
 * summarised by the release columns; anyone else (a third party, a Party not in force, who
 * may hold a consent for any single object) is filtered by exercise only and left to the gate.
 */
export async function releaseFilterFor(node: AccordNode, audience: Audience): Promise<ReleaseFilter> {
  const exercise = audience.exercise ?? null;
  const r = audience.recipient;
  if (r.kind !== 'party' || !(await partiesInForceOn(node, todayUtc())).has(r.party)) return { exercise };
  return { exercise, party: { code: r.party, rank: accreditationOf(node)(r.party) } };
}

import { sameRecipient } from '../policy/index.js';
import type { ReleaseFilter } from '../store/index.js';
import { partiesInForceOn, todayUtc } from './agreement-service.js';
import { type Audience, accreditationOf } from './disclosure.js';
import { effectiveConsents } from './effective-consents.js';
import type { AccordNode } from './node.js';

// Beyond this many consented ids an outsider's listing is filtered by exercise only.
const MAX_CONSENTED = 500;

/**
 * What a listing may leave out in SQL for this audience. A Party in force is matched on
 * the release columns; anyone else may receive only TLP:CLEAR, its own objects (a Party
 * not in force) and objects a consent names for it — every consent of any status counts
 * here, the gate then checks which holds on the day.
 */
export async function releaseFilterFor(node: AccordNode, audience: Audience): Promise<ReleaseFilter> {
  const exercise = audience.exercise ?? null;
  const r = audience.recipient;
  if (r.kind === 'party' && (await partiesInForceOn(node, todayUtc())).has(r.party)) {
    return { exercise, party: { code: r.party, rank: accreditationOf(node)(r.party) } };
  }
  const ids = new Set<string>();
  for (const c of await effectiveConsents(node)) {
    if (sameRecipient(c.recipient, r)) for (const id of c.objectIds) ids.add(id);
  }
  const consented = ids.size > MAX_CONSENTED ? null : [...ids];
  return { exercise, outsider: { own: r.kind === 'party' ? r.party : null, consented } };
}

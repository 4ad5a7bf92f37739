// What this node takes from a peer beyond a valid signature, decided per item before anything
// is stored: treaty events only from the depositary's node, and from a Party whose withdrawal
// has taken effect only what settles its obligations (Article 17) — its answers to requests
// and its acknowledgements — never new information.

import { depositaryNodeOf, statusOn, todayUtc } from '../node/agreement-service.js';
import type { AccordNode } from '../node/node.js';
import { NOTICE_TYPE, noticeRefusal } from './depositary-service.js';

export interface AdmissionItem {
  type: string;
  originator: string;
  originNode: string;
}

export type Admission = (item: AdmissionItem) => { reason: string; message: string } | undefined;

/** What a withdrawn Party's node may still send: replies to what is open with it. */
export const SETTLING_TYPES: ReadonlySet<string> = new Set([
  'x-accord-response',
  'x-accord-acknowledgement',
  'marking-definition',
  'identity',
]);

/** The Parties whose withdrawal has taken effect on `date`. */
export async function withdrawnParties(node: AccordNode, date = todayUtc()): Promise<Set<string>> {
  const status = await statusOn(node, date);
  return new Set(status.parties.filter((p) => p.state === 'withdrawn').map((p) => p.code));
}

/** The check for one batch of received items: read once, applied to each. */
export async function admission(node: AccordNode, date = todayUtc()): Promise<Admission> {
  const depositary = await depositaryNodeOf(node);
  const withdrawn = await withdrawnParties(node, date);
  return (item) => {
    if (item.type === NOTICE_TYPE) {
      const message = noticeRefusal(depositary, item.originNode);
      return message ? { reason: 'not-depositary', message } : undefined;
    }
    if (withdrawn.has(item.originator) && !SETTLING_TYPES.has(item.type)) {
      return {
        reason: 'party-withdrawn',
        message: `${item.originator} has withdrawn from the Agreement: only its answers and acknowledgements to records still open with it are taken, not a new ${item.type}`,
      };
    }
    return undefined;
  };
}

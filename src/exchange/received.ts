// Exchange records arrive from other Parties' nodes as signed STIX objects. Storing the object
// is federation's job; this turns the ones the exchange knows into the workflow records of
// this node (an inbox entry, an acknowledgement on the sender's side), so that a Party works
// with what it received on its own node.

import type { AccordNode } from '../node/node.js';
import { alertsForReceived } from './alerts/alert-queue.js';
import { receiveCase, receiveCaseEntry } from './case-received.js';
import { receiveConsent } from './consent-service.js';
import { receiveCriterion, receiveLegalReference } from './criteria-service.js';
import { receiveDepositaryNotice } from './depositary-service.js';
import { receiveProposal } from './library-drafts.js';
import { receiveDocument } from './library-received.js';
import { receiveAcknowledgement, receiveNotification } from './notification-service.js';
import { receiveRequest, receiveResponse } from './request-received.js';

const HANDLERS: Record<string, (node: AccordNode, o: Record<string, unknown>) => Promise<void>> = {
  'x-accord-notification': receiveNotification,
  'x-accord-acknowledgement': receiveAcknowledgement,
  'x-accord-request': receiveRequest,
  'x-accord-response': receiveResponse,
  'x-accord-consent': receiveConsent,
  'x-accord-depositary-notice': receiveDepositaryNotice,
  'x-accord-case': receiveCase,
  'x-accord-case-entry': receiveCaseEntry,
  'x-accord-document': receiveDocument,
  'x-accord-document-proposal': receiveProposal,
  'x-accord-criterion': receiveCriterion,
  'x-accord-legal-reference': receiveLegalReference,
};

// Records before what refers to them, so a reply arriving in the same batch finds its record.
const ORDER: Record<string, number> = {
  'x-accord-notification': 0,
  'x-accord-request': 0,
  'x-accord-case': 0,
  'x-accord-criterion': 0,
  'x-accord-document': 0,
};

/** Turns what arrived from peers into this node's workflow records. */
export async function materializeReceived(node: AccordNode, objects: readonly unknown[]): Promise<void> {
  const known = objects.filter(
    (o): o is Record<string, unknown> =>
      typeof o === 'object' &&
      o !== null &&
      typeof (o as { type?: unknown }).type === 'string' &&
      (o as { type: string }).type in HANDLERS,
  );
  known.sort((a, b) => (ORDER[a.type as string] ?? 1) - (ORDER[b.type as string] ?? 1));
  for (const o of known) await HANDLERS[o.type as string]!(node, o);
  // After the records exist: an alert about an object names what this node now holds.
  // An alert that cannot be queued must not make the peer send the batch again.
  try {
    await alertsForReceived(node, known);
  } catch (e) {
    process.emitWarning(`alerts not queued: ${(e as Error).message}`);
  }
}

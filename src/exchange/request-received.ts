// Requests arriving from other Parties' nodes: the requester's signed x-accord-request opens
// (or withdraws) the request on the addressee's node; the addressee's x-accord-response moves
// it on the requester's. Everything comes from the signed objects alone.

import type { AccordNode } from '../node/node.js';
import { addBlockingItems, decideBlockingItems } from '../store/blocking-repo.js';
import { addEvent, getRecord, listEvents } from '../store/exchange-repo.js';
import { publishOwnStats } from './criteria-stats.js';
import { stamp, tlpOf } from './records.js';
import { FINAL_STATES, type RequestState } from './request-machine.js';
import { blockingItems, type Stored, save } from './request-service.js';
import type { BlockingResource, RequestKind } from './types/request.js';

const text = (o: Record<string, unknown>, k: string): string | undefined =>
  typeof o[k] === 'string' ? (o[k] as string) : undefined;
const texts = (o: Record<string, unknown>, k: string): string[] | undefined =>
  Array.isArray(o[k]) ? (o[k] as unknown[]).filter((x): x is string => typeof x === 'string') : undefined;

/**
 * A request another Party's node sent, received through federation: on the addressee's node
 * it becomes a request waiting in the inbox (state `sent`, for the addressee to receive); a
 * later version (withdrawn) moves it along. Everything comes from the signed object.
 */
export async function receiveRequest(node: AccordNode, o: Record<string, unknown>): Promise<void> {
  const id = text(o, 'id');
  const requester = text(o, 'requester');
  const addressee = text(o, 'addressee');
  if (!id || !requester || !addressee || requester === node.settings.party) return;
  const state = text(o, 'state') as RequestState | undefined;
  const row = await getRecord(node.store.db, 'request', id);
  if (row) {
    const r = JSON.parse(row.json) as Stored;
    // A run cut short after the record was saved: the rest is done now (each part once).
    if (!(await listEvents(node.store.db, id)).some((e) => e.action === 'send')) await opened(node, r);
    if (state === 'withdrawn' && !FINAL_STATES.has(r.state)) {
      r.state = 'withdrawn';
      await save(node, r, row.seq);
      await remoteHistory(node, r, requester, text(o, 'requested_by'), 'withdraw', { to: 'withdrawn' });
    }
    return;
  }
  const r: Stored = {
    id,
    kind: text(o, 'kind') as RequestKind,
    requester,
    addressee,
    state: state === 'withdrawn' ? 'withdrawn' : 'sent',
    summary: text(o, 'summary') ?? '',
    createdBy: text(o, 'requested_by') ?? requester,
    createdAt: text(o, 'created') ?? stamp(),
    deadline: text(o, 'deadline') ?? stamp(),
    sentAt: text(o, 'modified') ?? stamp(),
    // The requester's markings travel with it: RED stays RED on the addressee's node.
    tlp: tlpOf(o) ?? 'amber',
    exercise: text(o, 'exercise') ?? null,
    reminders: 0,
    objectRefs: texts(o, 'object_refs') ?? [],
    ...(text(o, 'details') ? { details: text(o, 'details')! } : {}),
    ...(text(o, 'legal_basis') ? { legalBasis: text(o, 'legal_basis')! } : {}),
    ...(text(o, 'case_reference') ? { caseReference: text(o, 'case_reference')! } : {}),
    ...(text(o, 'purpose') ? { purpose: text(o, 'purpose')! } : {}),
    ...(text(o, 'evidence') ? { evidence: text(o, 'evidence')! } : {}),
    ...(texts(o, 'indicators') ? { indicators: texts(o, 'indicators')! } : {}),
    ...(texts(o, 'criteria') ? { criteria: texts(o, 'criteria')! } : {}),
    ...(Array.isArray(o.resources) ? { resources: o.resources as BlockingResource[] } : {}),
  };
  await save(node, r, node.store.clock.next());
  await opened(node, r);
}

/** What follows a received request's record; its history entry, last, says it is all done. */
async function opened(node: AccordNode, r: Stored): Promise<void> {
  if (r.kind === 'blocking') {
    // The addressee counts what it was asked to block, and later what it blocked and refused.
    await addBlockingItems(node.store.db, blockingItems(r, r.sentAt!.slice(0, 7)));
    if (r.exercise === null && r.addressee === node.settings.party)
      await publishOwnStats(node, r.criteria ?? []);
  }
  await remoteHistory(node, r, r.requester, r.createdBy, 'send', { to: r.state });
}

/**
 * The addressee's response, made on its own node, reaches the requester's: the request moves
 * to the state the addressee gave it, with the answer or the ground of a decline, and a
 * blocking request's statistics record what was blocked and refused.
 */
export async function receiveResponse(node: AccordNode, o: Record<string, unknown>): Promise<void> {
  const ref = text(o, 'request_ref');
  const responder = text(o, 'responder');
  if (!ref || !responder || responder === node.settings.party) return;
  const row = await getRecord(node.store.db, 'request', ref);
  const state = text(o, 'state') as RequestState | undefined;
  if (!row || !state) return;
  const r = JSON.parse(row.json) as Stored;
  if (r.addressee !== responder || FINAL_STATES.has(r.state)) return;
  const at = text(o, 'modified') ?? stamp();
  // A version already applied, or older than one that was, comes round again when a receipt is
  // retried: it must not move the request back nor repeat its history.
  if (r.response && r.response.at >= at) return;
  const from = r.state;
  r.state = state;
  const blocked = Array.isArray(o.blocked)
    ? (o.blocked as { value: string; blocked_at?: string }[]).map((b) => ({
        value: b.value,
        ...(b.blocked_at ? { blockedAt: b.blocked_at } : {}),
      }))
    : undefined;
  const refused = Array.isArray(o.refused) ? (o.refused as { value: string; reason: string }[]) : undefined;
  r.response = {
    at,
    by: text(o, 'responded_by') ?? responder,
    ...(text(o, 'note') ? { note: text(o, 'note')! } : {}),
    ...(text(o, 'answer') ? { answer: text(o, 'answer')! } : {}),
    ...(text(o, 'ground') ? { ground: text(o, 'ground')! } : {}),
    ...(texts(o, 'object_refs') ? { objectRefs: texts(o, 'object_refs')! } : {}),
    ...(texts(o, 'documents') ? { documents: texts(o, 'documents')! } : {}),
    ...(blocked ? { blocked } : {}),
    ...(refused ? { refused } : {}),
  };
  if (r.kind === 'blocking') {
    const done = (blocked ?? []).map((b) => b.value);
    const no = (refused ?? []).map((b) => b.value);
    if (state === 'declined')
      no.push(...(r.resources ?? []).map((x) => x.value).filter((v) => !done.includes(v)));
    await decideBlockingItems(node.store.db, r.id, done, 'blocked', at);
    await decideBlockingItems(node.store.db, r.id, no, 'refused', at);
  }
  await save(node, r, row.seq);
  await remoteHistory(node, r, responder, r.response.by, state, {
    from,
    to: state,
    ...(r.response.note ? { note: r.response.note } : {}),
    ...(r.response.ground ? { ground: r.response.ground } : {}),
  });
}

async function remoteHistory(
  node: AccordNode,
  r: Stored,
  party: string,
  user: string | undefined,
  action: string,
  details: Record<string, unknown>,
) {
  await addEvent(node.store.db, r.requester, r.id, {
    at: new Date().toISOString(),
    actor: { party, user: user ?? party },
    action,
    details,
  });
}

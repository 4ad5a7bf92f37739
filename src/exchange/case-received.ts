// Joint cases arriving from other Parties' nodes. A version of the owner's x-accord-case
// becomes (or updates) the case on a participant's node; a participant's x-accord-case-entry
// is taken into the case by the owner's node, which publishes the next version, and is shown
// on the other participants' nodes until that version arrives.

import { writeWithAudit } from '../audit/log.js';
import type { AccordNode } from '../node/node.js';
import { addEvent, getRecord, listEvents } from '../store/exchange-repo.js';
import {
  addedMeasure,
  caseFromStix,
  type JointCase,
  keepCase,
  publishCase,
  receivedCase,
} from './case-record.js';
import { heldFrom, stamp, str, strs } from './records.js';
import { MEASURE_STATES, type MeasureState } from './types/case.js';

/** A version of a case another Party owns: kept when it is newer than the one held. */
export async function receiveCase(node: AccordNode, o: Record<string, unknown>): Promise<void> {
  const c = caseFromStix(o);
  if (!c || c.owner === node.settings.party) return;
  if (!(await heldFrom(node, o, c.owner))) return;
  const row = await getRecord(node.store.db, 'case', c.id);
  if (row && row.updatedAt >= c.updatedAt) return;
  await keepCase(node, c, row?.seq ?? node.store.clock.next());
}

/** A participant's entry: the owner takes it in; another participant shows it. */
export async function receiveCaseEntry(node: AccordNode, o: Record<string, unknown>): Promise<void> {
  const caseId = str(o, 'case_ref');
  const party = str(o, 'party');
  const action = str(o, 'action');
  const id = str(o, 'id');
  if (!caseId || !party || !action || !id || party === node.settings.party) return;
  if (!(await heldFrom(node, o, party))) return;
  const row = await getRecord(node.store.db, 'case', caseId);
  if (!row) return;
  const c = JSON.parse(row.json) as JointCase;
  if (!c.participants.includes(party)) return;
  const details = entryDetails(o, action);
  if (!details) return;
  const user = str(o, 'user') ?? party;
  const at = str(o, 'created') ?? stamp();
  if (await receivedCase(node, c)) {
    const held = await listEvents(node.store.db, caseId);
    if (held.some((e) => e.details.entry === id)) return;
    await addEvent(node.store.db, c.owner, caseId, {
      at,
      actor: { party, user },
      action,
      details: { entry: id, ...details },
    });
    return;
  }
  if (c.owner !== node.settings.party) return;
  if ((c.timeline ?? []).some((e) => e.id === id)) return;
  if (action === 'measure-added') {
    const m = addedMeasure(details, party, user, at);
    if (!m || c.state !== 'open' || c.measures.some((x) => x.id === m.id)) return;
    c.measures.push(m);
  }
  if (action === 'measure-updated') {
    const m = c.measures.find((x) => x.id === details.measure);
    // Only the assignee moves its measure, and only while the case is open.
    if (!m || m.assignee !== party || c.state !== 'open') return;
    details.from = m.state;
    Object.assign(m, { state: details.to, updatedAt: at, updatedBy: user });
  }
  if (action === 'linked') c.refs = [...new Set([...c.refs, ...(details.refs as string[])])];
  c.updatedAt = stamp();
  c.timeline = [...(c.timeline ?? []), { id, at, party, user, action, details }];
  await publishCase(node, c);
  // The owner's copy of the case and its audit entry: one transaction.
  const audited = {
    at: c.updatedAt,
    actor: { kind: 'node' as const, id: 'federation', party },
    action: `case.${action}`,
    subject: { type: 'x-accord-case', id: caseId },
    details: { entry: id },
  };
  await writeWithAudit(node, [audited], (db) => keepCase(node, c, row.seq, db));
}

function entryDetails(o: Record<string, unknown>, action: string): Record<string, unknown> | undefined {
  if (action === 'comment') {
    const text = str(o, 'text');
    return text ? { text } : undefined;
  }
  if (action === 'measure-added') {
    const measure = str(o, 'measure');
    const title = str(o, 'title');
    const assignee = str(o, 'assignee');
    const due = str(o, 'due');
    if (!measure || !title || !assignee || !due) return undefined;
    return { measure, title, assignee, due };
  }
  if (action === 'measure-updated') {
    const measure = str(o, 'measure');
    const state = str(o, 'state');
    if (!measure || !state || !(MEASURE_STATES as readonly string[]).includes(state)) return undefined;
    return { measure, to: state as MeasureState };
  }
  if (action === 'linked') {
    const refs = strs(o, 'object_refs');
    return refs && refs.length > 0 ? { refs } : undefined;
  }
  return undefined;
}

// The depositary's notices travel like every other record: a STIX object signed by the
// depositary's node, replicated to every peer. Only that node's notices are treaty events: a
// node takes them from the depositary's pinned key alone and records the event under the id the
// depositary gave it, so one event is one notice on every node and all nodes reach the same
// status. Treaty events are public law, so the notice is TLP:CLEAR: it reaches signatories
// whether or not the Agreement is in force for them, and Parties that withdrew, which Article
// 17 also asks to be told.

import { type AgreementEvent, parseAgreementEvent } from '../agreement/index.js';
import { recordAudit } from '../audit/log.js';
import {
  depositaryNodeOf,
  type RecordOutcome,
  recordDepositaryEvent,
  recordEvent,
} from '../node/agreement-service.js';
import { partyIdentity } from '../node/identity.js';
import type { AccordNode } from '../node/node.js';
import { TLP2_IDS } from '../policy/index.js';
import { getVersions, hasAuditEntry } from '../store/index.js';
import { publish } from './records.js';
import { depositaryNoticeType } from './types/depositary-notice.js';

export const NOTICE_TYPE = 'x-accord-depositary-notice';

/** The notice's STIX id: one per recorded event, whichever way and how often it travels. */
export function noticeObjectId(eventId: string): string {
  return `${NOTICE_TYPE}--${eventId}`;
}

/**
 * Records a treaty event. On the depositary's node the event is the treaty's and its notice
 * goes to every Party's node; on any other node it is a local note, announced to nobody
 * (`noticeObjectId` null).
 */
export async function recordAndAnnounce(
  node: AccordNode,
  event: AgreementEvent,
  recordedBy: string,
  options: { today?: string } = {},
): Promise<RecordOutcome & { noticeObjectId: string | null }> {
  const out = await recordEvent(node, event, recordedBy, options);
  if (node.settings.depositary !== true) return { ...out, noticeObjectId: null };
  const n = out.notice.notice;
  const party = node.settings.party;
  const object = depositaryNoticeType.toStix(
    {
      id: noticeObjectId(out.record.id),
      createdByRef: partyIdentity(party),
      created: out.notice.createdAt,
      modified: out.notice.createdAt,
      markingRefs: [TLP2_IDS.clear],
    },
    {
      agreement: n.agreement,
      event_id: out.record.id,
      event_date: n.date,
      event: n.event,
      subject_en: n.subject.en,
      subject_ru: n.subject.ru,
      text_en: n.text.en,
      text_ru: n.text.ru,
      recipients: n.recipients,
      in_force_before: n.agreementInForce.before,
      in_force_after: n.agreementInForce.after,
      changes: n.changes,
    },
  );
  await publish(node, party, null, object);
  return { ...out, noticeObjectId: object.id as string };
}

/**
 * Why a notice from `originNode` is not taken, or undefined when it is. Federation asks this
 * before storing anything, so a notice signed by any other node is refused at the door and the
 * refusal audited like every other.
 */
export function noticeRefusal(depositaryNode: string | null, originNode: string): string | undefined {
  if (depositaryNode === null)
    return "this node follows no depositary: name its node with 'accord agreement depositary NODE_ID'";
  if (originNode !== depositaryNode)
    return `only the depositary's node ${depositaryNode} signs treaty events; ${originNode} is not it`;
  return undefined;
}

/**
 * A depositary notice arrived (federation checked its signature and that it came from the
 * depositary's node): the event it carries is recorded here, once, and the status changes.
 */
export async function receiveDepositaryNotice(node: AccordNode, o: Record<string, unknown>): Promise<void> {
  if (node.settings.depositary === true) return;
  const depositary = await depositaryNodeOf(node);
  const eventId = typeof o.event_id === 'string' ? o.event_id : undefined;
  if (!depositary || !eventId || o.id !== noticeObjectId(eventId)) return;
  const versions = await getVersions(node.store.db, String(o.id));
  if (!versions.some((v) => v.sourceNode === depositary)) return;
  const actor = { kind: 'node' as const, id: depositary, party: String(versions[0]?.party ?? '') };
  const subject = { type: NOTICE_TYPE, id: String(o.id) };
  // A refusal is written once: a retried receipt runs this again for the same notice.
  const refusedBefore = () => hasAuditEntry(node.store.db, 'agreement.event-refused', subject);
  const parsed = parseAgreementEvent(o.event);
  if (!parsed.ok) {
    if (await refusedBefore()) return;
    const message = parsed.issues.map((i) => `${i.path} ${i.message}`).join('; ');
    await recordAudit(node, [
      {
        at: new Date().toISOString(),
        actor,
        action: 'agreement.event-refused',
        subject,
        details: { message },
      },
    ]);
    return;
  }
  const out = await recordDepositaryEvent(node, eventId, parsed.event, depositary);
  if (out.kind === 'known' || (out.kind === 'refused' && (await refusedBefore()))) return;
  await recordAudit(node, [
    {
      at: new Date().toISOString(),
      actor,
      action: out.kind === 'recorded' ? 'agreement.event-received' : 'agreement.event-refused',
      subject,
      details:
        out.kind === 'recorded'
          ? { event: parsed.event }
          : { event: parsed.event, rule: out.rule, message: out.message },
    },
  ]);
}

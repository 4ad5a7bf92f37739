// The depositary's notices travel like every other record: a STIX object signed by the
// node that recorded the event, replicated to every peer. Treaty events are public law, so
// the notice is TLP:CLEAR: it reaches signatories whether or not the Agreement is in force
// for them, and Parties that withdrew, which Article 17 also asks to be told.

import type { AgreementEvent } from '../agreement/index.js';
import { type RecordOutcome, recordEvent } from '../node/agreement-service.js';
import { partyIdentity } from '../node/identity.js';
import type { AccordNode } from '../node/node.js';
import { TLP2_IDS } from '../policy/index.js';
import { publish } from './records.js';
import { depositaryNoticeType } from './types/depositary-notice.js';

/** Records a treaty event and sends the depositary's notice of it to every Party's node. */
export async function recordAndAnnounce(
  node: AccordNode,
  event: AgreementEvent,
  recordedBy: string,
  options: { today?: string } = {},
): Promise<RecordOutcome & { noticeObjectId: string }> {
  const out = await recordEvent(node, event, recordedBy, options);
  const n = out.notice.notice;
  const party = node.settings.party;
  const object = depositaryNoticeType.toStix(
    {
      id: `x-accord-depositary-notice--${out.notice.id}`,
      createdByRef: partyIdentity(party),
      created: out.notice.createdAt,
      modified: out.notice.createdAt,
      markingRefs: [TLP2_IDS.clear],
    },
    {
      agreement: n.agreement,
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

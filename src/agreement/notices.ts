// The depositary informs the Parties of every act concerning the Agreement (Article 17 for
// withdrawals; the same practice for signatures, notifications and entry into force). Each
// recorded event yields one notice; the exchange layer turns it into a STIX notification that
// every Party's node receives. The wording is generic, so it fits any agreement's definition.

import { dateInWords } from './date-words.js';
import { validateEvent } from './events.js';
import { agreementStatus } from './status.js';
import type { AgreementDefinition, AgreementEvent, LocalizedText, PartyStatus } from './types.js';

export interface PartyStatusChange {
  party: string;
  before: PartyStatus;
  after: PartyStatus;
}

export interface DepositaryNotice {
  /** The definition's id. */
  agreement: string;
  depositary: LocalizedText;
  date: string;
  event: AgreementEvent;
  /** Parties that receive it: every signatory not withdrawn on the event's date. */
  recipients: string[];
  subject: LocalizedText;
  text: LocalizedText;
  agreementInForce: { before: boolean; after: boolean; since?: string };
  changes: PartyStatusChange[];
}

const SUBJECTS: Record<AgreementEvent['kind'], LocalizedText> = {
  signature: { en: 'Signature', ru: 'Подписание' },
  'ratification-notified': {
    en: 'Notification of completed internal procedures',
    ru: 'Уведомление о выполнении внутригосударственных процедур',
  },
  'entry-into-force': { en: 'Entry into force', ru: 'Вступление в силу' },
  'protocol-in-force': {
    en: 'Entry into force of an amending protocol',
    ru: 'Вступление в силу протокола о внесении изменений',
  },
  'withdrawal-notified': { en: 'Notice of withdrawal', ru: 'Уведомление о выходе' },
  'consultation-opened': { en: 'Consultations on a dispute opened', ru: 'Начаты консультации по спору' },
  'consultation-closed': { en: 'Consultations on a dispute closed', ru: 'Завершены консультации по спору' },
};

type Names = (code: string) => LocalizedText;

// Names go after a colon or in quotes, so that no template has to know whether a State's name
// takes an article in English or which case it needs in Russian.
function named(codes: readonly string[], names: Names): LocalizedText {
  return {
    en: codes.map((c) => `${names(c).en} (${c})`).join(', '),
    ru: codes.map((c) => `«${names(c).ru}»`).join(', '),
  };
}

function eventSentence(e: AgreementEvent, names: Names): LocalizedText {
  const on = dateInWords(e.date);
  switch (e.kind) {
    case 'signature': {
      const party = named([e.party], names);
      return {
        en: `On ${on.en} the Agreement was signed by a Party: ${party.en}`,
        ru: `${on.ru} Соглашение подписано Стороной ${party.ru}`,
      };
    }
    case 'ratification-notified': {
      const party = named([e.party], names);
      return {
        en: `On ${on.en} the depositary received the written notification that a Party has completed the internal procedures necessary for the entry into force of the Agreement. Party: ${party.en}`,
        ru: `${on.ru} депозитарий получил письменное уведомление Стороны ${party.ru} о выполнении внутригосударственных процедур, необходимых для вступления Соглашения в силу`,
      };
    }
    case 'entry-into-force': {
      const parties = named(e.parties, names);
      return {
        en: `On ${on.en} the Agreement entered into force for the Parties: ${parties.en}`,
        ru: `${on.ru} Соглашение вступило в силу для Сторон: ${parties.ru}`,
      };
    }
    case 'protocol-in-force':
      return {
        en: `On ${on.en} the protocol amending the Agreement "${e.title?.en ?? e.protocol}" entered into force`,
        ru: `${on.ru} вступил в силу протокол о внесении изменений в Соглашение «${e.title?.ru ?? e.protocol}»`,
      };
    case 'withdrawal-notified': {
      const party = named([e.party], names);
      return {
        en: `On ${on.en} the depositary received the written notification of a Party's withdrawal from the Agreement. Party: ${party.en}. Until the withdrawal takes effect the Agreement remains in force for it; information it received while bound stays protected afterwards`,
        ru: `${on.ru} депозитарий получил письменное уведомление Стороны ${party.ru} о выходе из Соглашения. До вступления выхода в силу Соглашение продолжает действовать для этой Стороны; полученная ею информация остаётся под защитой и после выхода`,
      };
    }
    case 'consultation-opened': {
      const parties = named(e.parties, names);
      const about = e.subject ? ` (${e.subject})` : '';
      return {
        en: `On ${on.en} consultations on a dispute${about}, reference ${e.consultation}, opened between the Parties: ${parties.en}. Meanwhile the Parties continue to fulfil their obligations under the Agreement`,
        ru: `${on.ru} начаты консультации по спору${about}, номер ${e.consultation}, между Сторонами: ${parties.ru}. На время консультаций Стороны продолжают выполнять свои обязательства по Соглашению`,
      };
    }
    case 'consultation-closed': {
      const outcome = e.outcome ? `. ${e.outcome}` : '';
      return {
        en: `On ${on.en} consultations ${e.consultation} closed${outcome}`,
        ru: `${on.ru} консультации ${e.consultation} завершены${outcome}`,
      };
    }
  }
}

function changeSentence(c: PartyStatusChange, names: Names): LocalizedText | undefined {
  const party = named([c.party], names);
  switch (c.after.state) {
    case 'in-force': {
      const since = dateInWords(c.after.since);
      return {
        en: `The Agreement is in force from ${since.en} for the Party: ${party.en}`,
        ru: `Для Стороны ${party.ru} Соглашение вступает в силу ${since.ru}`,
      };
    }
    case 'withdrawal-pending': {
      const effective = dateInWords(c.after.effectiveOn);
      return {
        en: `The withdrawal takes effect on ${effective.en} for the Party: ${party.en}`,
        ru: `Выход Стороны ${party.ru} из Соглашения вступает в силу ${effective.ru}`,
      };
    }
    default:
      return undefined;
  }
}

/** Joins sentences, ending each with one full stop (a Russian date already ends in «г.»). */
function paragraph(sentences: readonly string[]): string {
  return sentences.map((s) => (s.endsWith('.') ? s : `${s}.`)).join(' ');
}

/**
 * The notice the depositary sends the Parties when `event` is recorded after `existing`.
 * `event` must be valid (see validateEvent); the notice describes what it changes on its date.
 */
export function depositaryNotice(
  def: AgreementDefinition,
  existing: readonly AgreementEvent[],
  event: AgreementEvent,
): DepositaryNotice {
  const verdict = validateEvent(def, existing, event);
  if (!verdict.ok)
    throw new RangeError(`no notice for an event that breaks ${verdict.rule}: ${verdict.message}`);
  const before = agreementStatus(def, existing, event.date);
  const after = agreementStatus(def, [...existing, event], event.date);
  const byCode = new Map(def.parties.map((p) => [p.code, p.name]));
  const names: Names = (code) => byCode.get(code) ?? { en: code, ru: code };

  const changes: PartyStatusChange[] = [];
  for (const entry of after.parties) {
    const previous = before.parties.find((p) => p.code === entry.code);
    const { code, ...now } = entry;
    if (!previous) continue;
    const { code: _, ...then } = previous;
    if (JSON.stringify(then) !== JSON.stringify(now)) changes.push({ party: code, before: then, after: now });
  }

  const sentences: LocalizedText[] = [eventSentence(event, names)];
  if (!before.inForce && after.inForce && after.since && event.kind !== 'entry-into-force') {
    const since = dateInWords(after.since);
    sentences.push({
      en: `The Agreement entered into force on ${since.en}`,
      ru: `Соглашение вступило в силу ${since.ru}`,
    });
  }
  if (event.kind !== 'entry-into-force') {
    for (const c of changes) {
      const s = changeSentence(c, names);
      if (s) sentences.push(s);
    }
  }
  if (!after.inForce && event.kind === 'ratification-notified') {
    const received = after.parties.filter(
      (p) => p.state === 'signatory' && p.notifiedOn !== undefined,
    ).length;
    const required = def.entryIntoForce.notificationsRequired;
    sentences.push({
      en: `Notifications received: ${received} of the ${required} required for entry into force`,
      ru: `Получено уведомлений: ${received} из ${required}, необходимых для вступления Соглашения в силу`,
    });
  }

  const recipients = after.parties
    .filter((p) => p.state !== 'withdrawn' && p.state !== 'not-signatory')
    .map((p) => p.code);
  return {
    agreement: def.id,
    depositary: def.depositary.name,
    date: event.date,
    event,
    recipients,
    subject: {
      en: `${SUBJECTS[event.kind].en}: ${def.title.en}`,
      ru: `${SUBJECTS[event.kind].ru}: ${def.title.ru}`,
    },
    text: {
      en: paragraph(sentences.map((s) => s.en)),
      ru: paragraph(sentences.map((s) => s.ru)),
    },
    agreementInForce: {
      before: before.inForce,
      after: after.inForce,
      ...(after.since ? { since: after.since } : {}),
    },
    changes,
  };
}

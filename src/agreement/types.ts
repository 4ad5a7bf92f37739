// The treaty as data. Nothing here is specific to the 2017 CSTO Agreement: another agreement
// with its own threshold of notifications and notice period is another value of these types.

/** Text in the languages the Agreement's notices are given in. */
export interface LocalizedText {
  en: string;
  ru: string;
}

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

export interface CompetentAuthority {
  name: LocalizedText;
}

export interface PartyDefinition {
  /** ISO 3166-1 alpha-2 code of the State, e.g. `KZ`. */
  code: string;
  name: LocalizedText;
  competentAuthorities: CompetentAuthority[];
}

export interface AgreementDefinition {
  /** A stable identifier, e.g. `csto-2017-information-security`. */
  id: string;
  title: LocalizedText;
  signed: { date: IsoDate; place: LocalizedText };
  depositary: { name: LocalizedText };
  /**
   * In force on the day the depositary receives the N-th notification that a signatory has completed
   * its internal procedures; for a Party that notifies later, on the day of its own notification.
   */
  entryIntoForce: { notificationsRequired: number };
  /** A withdrawal takes effect this many calendar months after the depositary receives the notice. */
  withdrawal: { noticeMonths: number };
  parties: PartyDefinition[];
  /** The events public sources establish, shipped with the definition. */
  events: AgreementEvent[];
}

interface EventBase {
  /** The day the act took place or the depositary received the notification. */
  date: IsoDate;
  /** Where the event is established: a document, a publication, the depositary's notice. */
  source: string;
}

export interface SignatureEvent extends EventBase {
  kind: 'signature';
  party: string;
}

/** The depositary received the Party's written notification that its internal procedures are complete. */
export interface RatificationNotifiedEvent extends EventBase {
  kind: 'ratification-notified';
  party: string;
}

/**
 * The depositary's published statement that the Agreement entered into force on `date` for `parties`.
 * It stands for the notifications behind it where their own dates are not established.
 */
export interface EntryIntoForceEvent extends EventBase {
  kind: 'entry-into-force';
  parties: string[];
}

/** An amending protocol (Article 13) entered into force. */
export interface ProtocolInForceEvent extends EventBase {
  kind: 'protocol-in-force';
  protocol: string;
  title?: LocalizedText;
  /** The Parties it is in force for, where that is narrower than all Parties in force. */
  parties?: string[];
}

export interface WithdrawalNotifiedEvent extends EventBase {
  kind: 'withdrawal-notified';
  party: string;
}

/** Consultations on a dispute (Article 14); obligations continue while they last. */
export interface ConsultationOpenedEvent extends EventBase {
  kind: 'consultation-opened';
  consultation: string;
  parties: string[];
  subject?: string;
}

export interface ConsultationClosedEvent extends EventBase {
  kind: 'consultation-closed';
  consultation: string;
  outcome?: string;
}

export type AgreementEvent =
  | SignatureEvent
  | RatificationNotifiedEvent
  | EntryIntoForceEvent
  | ProtocolInForceEvent
  | WithdrawalNotifiedEvent
  | ConsultationOpenedEvent
  | ConsultationClosedEvent;

export type AgreementEventKind = AgreementEvent['kind'];

/** Where one Party stands on a given date. */
export type PartyStatus =
  /** Listed in the definition but has not signed (yet). */
  | { state: 'not-signatory' }
  /** Signed; not (yet) bound. `notifiedOn` when its notification is in but the Agreement is not yet in force. */
  | { state: 'signatory'; signedOn: IsoDate; notifiedOn?: IsoDate }
  | { state: 'in-force'; since: IsoDate }
  /** Still bound until `effectiveOn`; `since` is the day the Agreement entered into force for it. */
  | { state: 'withdrawal-pending'; since: IsoDate; noticeReceivedOn: IsoDate; effectiveOn: IsoDate }
  /** No longer bound since `since`; what it received while in force stays protected (Article 10). */
  | { state: 'withdrawn'; inForceFrom: IsoDate; noticeReceivedOn: IsoDate; since: IsoDate };

export type PartyState = PartyStatus['state'];

export type PartyStatusEntry = { code: string } & PartyStatus;

export interface ProtocolStatus {
  protocol: string;
  title?: LocalizedText;
  since: IsoDate;
  parties?: string[];
}

export interface ConsultationStatus {
  consultation: string;
  parties: string[];
  openedOn: IsoDate;
  subject?: string;
}

export interface AgreementStatus {
  at: IsoDate;
  /** Entered into force on or before `at`, and binds at least one Party on `at`. */
  inForce: boolean;
  /** The day it entered into force, when `inForce`. */
  since?: IsoDate;
  /** In the definition's order. */
  parties: PartyStatusEntry[];
  /** Amending protocols in force on `at`. */
  protocols: ProtocolStatus[];
  /** Consultations open on `at`; they change no Party's state (Article 14). */
  consultations: ConsultationStatus[];
}

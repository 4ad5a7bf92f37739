// The Agreement as /api/v1 returns it: the definition and events in the format of an agreement
// data file (docs/agreement.md), the status in the API's snake_case. Events are a union with one
// member per kind, so a member a kind does not have is left out on the way out.

import { type Static, Type } from '@sinclair/typebox';
import { Nullable, Opt, oneOf } from './common.js';

export const Localized = Type.Object({ en: Type.String(), ru: Type.String() });
const IsoDate = Type.String({ description: 'YYYY-MM-DD' });
const Codes = Type.Array(Type.String());

const base = {
  date: IsoDate,
  source: Type.String({ description: 'Where the event is established' }),
};
const kind = <K extends string>(k: K) => Type.Literal(k);

export const AgreementEvent = Type.Union(
  [
    Type.Object({ kind: kind('signature'), ...base, party: Type.String() }),
    Type.Object({ kind: kind('ratification-notified'), ...base, party: Type.String() }),
    Type.Object({ kind: kind('entry-into-force'), ...base, parties: Codes }),
    Type.Object({
      kind: kind('protocol-in-force'),
      ...base,
      protocol: Type.String(),
      title: Opt(Localized),
      parties: Opt(Codes),
    }),
    Type.Object({ kind: kind('withdrawal-notified'), ...base, party: Type.String() }),
    Type.Object({
      kind: kind('consultation-opened'),
      ...base,
      consultation: Type.String(),
      parties: Codes,
      subject: Opt(Type.String()),
    }),
    Type.Object({
      kind: kind('consultation-closed'),
      ...base,
      consultation: Type.String(),
      outcome: Opt(Type.String()),
    }),
  ],
  { description: 'An agreement event (docs/agreement.md, Events), one shape per kind' },
);

export const AgreementDefinition = Type.Object(
  {
    id: Type.String(),
    title: Localized,
    signed: Type.Object({ date: IsoDate, place: Localized }),
    depositary: Type.Object({ name: Localized }),
    entryIntoForce: Type.Object({ notificationsRequired: Type.Integer() }),
    withdrawal: Type.Object({ noticeMonths: Type.Integer() }),
    parties: Type.Array(
      Type.Object({
        code: Type.String(),
        name: Localized,
        competentAuthorities: Type.Array(Type.Object({ name: Localized })),
      }),
    ),
    events: Type.Array(AgreementEvent),
  },
  { description: 'The agreement definition, as in its data file' },
);

export const PARTY_STATES = [
  'not-signatory',
  'signatory',
  'in-force',
  'withdrawal-pending',
  'withdrawn',
] as const;

export const PartyStatus = Type.Object({
  code: Type.String(),
  state: oneOf(PARTY_STATES),
  signed_on: Opt(IsoDate),
  notified_on: Opt(IsoDate),
  since: Opt(IsoDate),
  notice_received_on: Opt(IsoDate),
  effective_on: Opt(IsoDate),
  in_force_from: Opt(IsoDate),
});

export const AgreementStatus = Type.Object({
  agreement: Type.String({ description: 'The definition id' }),
  at: IsoDate,
  in_force: Type.Boolean(),
  since: Nullable(IsoDate),
  parties: Type.Array(PartyStatus),
  protocols: Type.Array(
    Type.Object({ protocol: Type.String(), since: IsoDate, title: Opt(Localized), parties: Opt(Codes) }),
  ),
  consultations: Type.Array(
    Type.Object({
      consultation: Type.String(),
      parties: Codes,
      opened_on: IsoDate,
      subject: Opt(Type.String()),
    }),
  ),
});

export const RecordedEvent = Type.Object({
  id: Type.String(),
  event: AgreementEvent,
  recorded_at: Type.String(),
  recorded_by: Type.String(),
  origin: oneOf(['depositary', 'local'] as const),
  counted: Type.Boolean({ description: 'Whether it makes the status on this node (docs/agreement.md)' }),
});

export const AgreementDoc = Type.Object({
  agreement: Type.String({ description: 'The definition id' }),
  definition: AgreementDefinition,
  events: Type.Array(AgreementEvent, { description: 'Shipped and recorded events, in date order' }),
  recorded: Type.Array(RecordedEvent, { description: 'The events recorded on this node' }),
  depositary_node: Nullable(
    Type.String({
      description: "The depositary's node whose events count here; null: this node follows none",
    }),
  ),
});

/** A Party's state as the depositary's notice spells it (the data file's camelCase). */
const NoticePartyStatus = Type.Object({
  state: oneOf(PARTY_STATES),
  signedOn: Opt(IsoDate),
  notifiedOn: Opt(IsoDate),
  since: Opt(IsoDate),
  noticeReceivedOn: Opt(IsoDate),
  effectiveOn: Opt(IsoDate),
  inForceFrom: Opt(IsoDate),
});

export const DepositaryNotice = Type.Object(
  {
    agreement: Type.String(),
    depositary: Localized,
    date: IsoDate,
    event: AgreementEvent,
    recipients: Codes,
    subject: Localized,
    text: Localized,
    agreementInForce: Type.Object({ before: Type.Boolean(), after: Type.Boolean(), since: Opt(IsoDate) }),
    changes: Type.Array(
      Type.Object({ party: Type.String(), before: NoticePartyStatus, after: NoticePartyStatus }),
    ),
  },
  { description: "The depositary's notice of the event, as delivered to every Party's node" },
);

/** One direction of what is open between two Parties (Article 17). */
export const Owed = Type.Object({
  requests: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      state: Type.String(),
      summary: Type.String(),
      requester: Type.String(),
      addressee: Type.String(),
      deadline: Type.String(),
    }),
  ),
  measures: Type.Array(
    Type.Object({
      case: Type.String(),
      title: Type.String(),
      measure: Type.String(),
      assignee: Type.String(),
      state: Type.String(),
      due: Type.String(),
    }),
  ),
  consents: Type.Array(
    Type.Object({
      id: Type.String(),
      requester: Type.String(),
      grantor: Type.String(),
      valid_until: Type.String(),
    }),
  ),
});

export type AgreementEvent = Static<typeof AgreementEvent>;
export type AgreementDoc = Static<typeof AgreementDoc>;
export type PartyStatus = Static<typeof PartyStatus>;
export type AgreementStatus = Static<typeof AgreementStatus>;

// Written consents (Article 10) as /api/v1 returns them, snake_cased. One object with the
// decision's members optional rather than a union per status: the console shows whichever
// are present, and a member no status has is still left out on the way out.

import { type Static, Type } from '@sinclair/typebox';
import { Opt, oneOf } from './common.js';

export const CONSENT_STATUSES = ['requested', 'granted', 'refused', 'withdrawn'] as const;

export const ConsentRecipient = Type.Union([
  Type.Object({
    kind: Type.Literal('party'),
    party: Type.String(),
    org: Opt(Type.String({ description: 'A specific body of the Party (an identity id)' })),
  }),
  Type.Object({ kind: Type.Literal('third-party'), id: Type.String(), name: Opt(Type.String()) }),
]);

export const ConsentView = Type.Object(
  {
    id: Type.String(),
    status: oneOf(CONSENT_STATUSES),
    object_ids: Type.Array(Type.String()),
    requester: Type.String({ description: 'The Party asking to pass the information on' }),
    grantor: Type.String({ description: 'The originating Party, whose liaison officer decides' }),
    recipient: ConsentRecipient,
    purpose: Type.String(),
    valid_until: Type.String({ description: 'Last day (YYYY-MM-DD, inclusive) it may be relied on' }),
    requested_at: Type.String(),
    requested_by: Type.String(),
    granted_at: Opt(Type.String()),
    granted_by: Opt(Type.String()),
    refused_at: Opt(Type.String()),
    refused_by: Opt(Type.String()),
    refusal_reason: Opt(Type.String()),
    withdrawn_at: Opt(Type.String()),
    withdrawn_by: Opt(Type.String()),
  },
  { description: 'A written consent of the originating Party to pass objects to a third party' },
);

export const ConsentList = Type.Object({ items: Type.Array(ConsentView) });

export type ConsentView = Static<typeof ConsentView>;
export type ConsentList = Static<typeof ConsentList>;

// The record views of the exchange (Articles 6 and 7) as /api/v1 returns them, snake_cased.
// Declared here once: the routes answer with them (Fastify keeps only declared fields) and the
// console reads their Static types.

import { type Static, Type } from '@sinclair/typebox';
import { REQUEST_MOVES, REQUEST_STATES } from '../../exchange/request-machine.js';
import {
  ASSISTANCE_PURPOSES,
  CASE_STATES,
  DOCUMENT_KINDS,
  MEASURE_STATES,
  NOTIFICATION_KINDS,
  REQUEST_KINDS,
  SEVERITIES,
} from '../../exchange/types/values.js';
import { HistoryEntry, Nullable, Opt, oneOf, PageOf, Tlp } from './common.js';

const Refs = Type.Array(Type.String());
/** How many listed ids the reader may not see, left out of the lists (absent: none). */
const Withheld = Opt(Type.Integer({ minimum: 1 }));
const Exercise = Opt(Nullable(Type.String({ description: 'The exercise it belongs to (null: real work)' })));

export const Delivery = Type.Object({
  party: Type.String(),
  delivered_at: Type.String(),
  acknowledged_at: Nullable(Type.String()),
  acknowledged_by: Nullable(Type.String()),
  overdue: Type.Boolean(),
});

export const NotificationView = Type.Object(
  {
    id: Type.String(),
    kind: oneOf(NOTIFICATION_KINDS),
    severity: oneOf(SEVERITIES),
    summary: Type.String(),
    body: Opt(Type.String()),
    object_refs: Refs,
    withheld_refs: Withheld,
    recipients: Opt(Type.Union([Type.Literal('all'), Refs])),
    delivered_to: Refs,
    tlp: Tlp,
    sender: Type.String(),
    created_by: Type.String(),
    created_at: Type.String(),
    deadline: Type.String(),
    exercise: Exercise,
    escalated_at: Nullable(Type.String()),
    overdue: Type.Boolean(),
    deliveries: Type.Array(Delivery, {
      description: 'The sender sees every recipient’s; a recipient its own',
    }),
  },
  { description: 'A notification (Article 7) with its deliveries' },
);

export const CriterionView = Type.Object(
  {
    id: Type.String(),
    code: Type.String(),
    title_en: Type.String(),
    title_ru: Type.String(),
    description_en: Type.String(),
    description_ru: Type.String(),
    legal_references: Type.Array(Type.Object({ party: Type.String(), reference: Type.String() })),
    party: Type.String(),
    created_at: Type.String(),
    updated_at: Type.String(),
  },
  { description: 'A blocking criterion of the shared catalogue (Article 6)' },
);

/** A criterion a request cites: the criterion, or its id when this node does not hold it. */
export const CitedCriterion = Type.Union([
  CriterionView,
  Type.Object({ id: Type.String(), held: Type.Literal(false) }),
]);

export const RequestResponse = Type.Object({
  at: Type.String(),
  by: Type.String(),
  note: Opt(Type.String()),
  answer: Opt(Type.String()),
  ground: Opt(Type.String()),
  object_refs: Opt(Refs),
  documents: Opt(Refs),
  blocked: Opt(Type.Array(Type.Object({ value: Type.String(), blocked_at: Opt(Type.String()) }))),
  refused: Opt(Type.Array(Type.Object({ value: Type.String(), reason: Type.String() }))),
});

export const RequestView = Type.Object(
  {
    id: Type.String(),
    kind: oneOf(REQUEST_KINDS),
    requester: Type.String(),
    addressee: Type.String(),
    state: oneOf(REQUEST_STATES),
    summary: Type.String(),
    details: Opt(Type.String()),
    deadline: Type.String(),
    tlp: Tlp,
    created_by: Opt(Type.String()),
    created_at: Type.String(),
    sent_at: Opt(Type.String()),
    exercise: Exercise,
    overdue: Type.Boolean(),
    due_soon: Opt(Type.Boolean()),
    reminders: Type.Integer(),
    legal_basis: Opt(Type.String()),
    case_reference: Opt(Type.String()),
    // Received from the requester's node as it wrote it: a string, so an odd one is shown, not a 500.
    purpose: Opt(Type.String({ description: ASSISTANCE_PURPOSES.join(' | ') })),
    indicators: Opt(Refs),
    resources: Opt(Type.Array(Type.Object({ value: Type.String(), type: Type.String() }))),
    criteria: Opt(Refs),
    cited_criteria: Opt(Type.Array(CitedCriterion)),
    evidence: Opt(Type.String()),
    object_refs: Opt(Refs),
    withheld_refs: Withheld,
    response: Opt(RequestResponse),
    allowed_moves: Type.Array(oneOf(REQUEST_MOVES)),
    history: Type.Array(HistoryEntry),
  },
  { description: 'A request (Articles 6 and 7) with its history and the moves open to the reader' },
);

export const Measure = Type.Object({
  id: Type.String(),
  title: Type.String(),
  assignee: Type.String(),
  due: Type.String(),
  state: oneOf(MEASURE_STATES),
  updated_at: Type.String(),
  updated_by: Type.String(),
  added_by: Opt(Type.String({ description: 'The participant that added it; absent for the owner’s' })),
});

/** An entry of a case's timeline; pending: a participant's entry the owner has not taken in yet. */
export const CaseEvent = Type.Composite([HistoryEntry, Type.Object({ pending: Opt(Type.Boolean()) })]);

/** An object a case gathers, as the gate disclosed it to the reader. */
export const CaseItem = Type.Object({
  id: Type.String(),
  type: Type.String(),
  originator: Type.String(),
  object: Type.Record(Type.String(), Type.Unknown(), { description: 'The STIX object' }),
});

export const CaseView = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    description: Opt(Type.String()),
    state: oneOf(CASE_STATES),
    owner: Type.String(),
    participants: Refs,
    refs: Refs,
    measures: Type.Array(Measure),
    tlp: Tlp,
    created_at: Opt(Type.String()),
    updated_at: Type.String(),
    exercise: Exercise,
    items: Opt(Type.Array(CaseItem, { description: 'The gathered objects (one case only)' })),
    timeline: Opt(Type.Array(CaseEvent, { description: 'Every Party’s entries in order (one case only)' })),
  },
  { description: 'A joint case (Article 6) with its measures and, for one case, its timeline' },
);

export const AttachedFile = Type.Object({
  filename: Type.String(),
  media_type: Type.String(),
  sha256: Type.String(),
  size: Type.Integer(),
});

export const DocumentView = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    language: Type.String(),
    kind: Type.String({ description: DOCUMENT_KINDS.join(' | ') }),
    description: Opt(Type.String()),
    content: Opt(Type.String()),
    tlp: Tlp,
    releasable_to: Opt(Refs),
    files: Type.Array(AttachedFile),
    party: Type.String(),
    created_by: Opt(Type.String()),
    created_at: Opt(Type.String()),
    updated_at: Opt(Type.String()),
    exercise: Exercise,
  },
  { description: 'A document of the library (Article 8)' },
);

export const Revision = Type.Object({
  revision: Type.String({ description: 'v1, v2… for the maker’s versions, the id of a proposal' }),
  kind: oneOf(['version', 'proposal'] as const),
  at: Type.String(),
  party: Type.String(),
  user: Type.String(),
  note: Opt(Type.String()),
  content: Opt(Type.String()),
});

export const RevisionList = Type.Object(
  { id: Type.String(), revisions: Type.Array(Revision) },
  { description: 'Every revision of a draft and every proposal for it, oldest first' },
);

export const RevisionDiff = Type.Object(
  {
    id: Type.String(),
    from: Type.String(),
    to: Type.String(),
    lines: Type.Array(
      Type.Object({
        kind: oneOf(['same', 'removed', 'added'] as const),
        from_line: Opt(Type.Integer()),
        to_line: Opt(Type.Integer()),
        text: Type.String(),
      }),
    ),
  },
  { description: 'Two revisions compared line by line' },
);

export const NotificationPage = PageOf(NotificationView);
export const RequestPage = PageOf(RequestView);
export const CasePage = PageOf(CaseView);
export const DocumentPage = PageOf(DocumentView);
export const CriterionPage = PageOf(CriterionView);

export type NotificationView = Static<typeof NotificationView>;
export type RequestView = Static<typeof RequestView>;
export type RequestResponse = Static<typeof RequestResponse>;
export type CriterionView = Static<typeof CriterionView>;
export type Measure = Static<typeof Measure>;
export type CaseView = Static<typeof CaseView>;
export type DocumentView = Static<typeof DocumentView>;
export type Delivery = Static<typeof Delivery>;
export type RevisionList = Static<typeof RevisionList>;
export type RevisionDiff = Static<typeof RevisionDiff>;

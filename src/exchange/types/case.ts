// x-accord-case (Article 6): a joint case gathering notifications, requests and objects,
// with coordinated measures each assigned to a Party, and a timeline.

import { declareAccordType } from './accord-type.js';
import { CASE_STATES, MEASURE_STATES } from './values.js';

export { CASE_STATES, MEASURE_STATES };

export type MeasureState = (typeof MEASURE_STATES)[number];

export interface Measure {
  id: string;
  title: string;
  assignee: string;
  due: string;
  state: MeasureState;
  updatedAt: string;
  updatedBy: string;
  /** The participant that added it on its own node; absent for the owner's measures. */
  addedBy?: string;
}

export const caseType = declareAccordType({
  type: 'x-accord-case',
  extensionId: 'extension-definition--5c8e1f2a-3b4d-4e6f-9a7b-8c9d0e1f2a3b',
  name: 'Accord joint case',
  description:
    'A joint case of the Parties (Article 6): the notifications, requests and objects it gathers, and the ' +
    'coordinated measures assigned to Parties with their due dates and states.',
  schema:
    'x-accord-case has title, description?, state (open|closed), owner (Party), participants (Party codes), ' +
    'object_refs (notifications, requests, any STIX objects), measures [{id, title, assignee, due, state, added_by?}], exercise?.',
});

/** What a participant does in a case on its own node, returned to the owner and the others. */
export const CASE_ENTRY_ACTIONS = ['comment', 'measure-added', 'measure-updated', 'linked'] as const;
export type CaseEntryAction = (typeof CASE_ENTRY_ACTIONS)[number];

export const caseEntryType = declareAccordType({
  type: 'x-accord-case-entry',
  extensionId: 'extension-definition--9a3c5e7f-1b2d-4c6e-8f0a-2b4d6f8a0c1e',
  name: 'Accord case entry',
  description:
    'A participating Party’s entry in a joint case it does not own (Article 6): a comment, a measure it ' +
    'takes on, the progress of a measure assigned to it, or objects it gathers into the case. Signed by ' +
    'the participant’s node.',
  schema:
    'x-accord-case-entry has case_ref (x-accord-case id), party (the participant), user, ' +
    'action (comment|measure-added|measure-updated|linked), text?, measure (measure id), title, assignee ' +
    'and due (measure-added), state (measure-updated), ' +
    'object_refs? (linked), exercise?.',
});

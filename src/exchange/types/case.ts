// x-accord-case (Article 6): a joint case gathering notifications, requests and objects,
// with coordinated measures each assigned to a Party, and a timeline.

import { declareAccordType } from './accord-type.js';

export const MEASURE_STATES = ['planned', 'in-progress', 'done', 'cancelled'] as const;
export type MeasureState = (typeof MEASURE_STATES)[number];

export const CASE_STATES = ['open', 'closed'] as const;

export interface Measure {
  id: string;
  title: string;
  assignee: string;
  due: string;
  state: MeasureState;
  updatedAt: string;
  updatedBy: string;
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
    'object_refs (notifications, requests, any STIX objects), measures [{id, title, assignee, due, state}], exercise?.',
});

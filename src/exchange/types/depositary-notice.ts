// x-accord-depositary-notice (Article 17): what the depositary tells the Parties when it
// records a treaty event — a signature, a notification of completed procedures, entry into
// force, a withdrawal — in English and Russian, with each Party's change of status.

import { declareAccordType } from './accord-type.js';

export const depositaryNoticeType = declareAccordType({
  type: 'x-accord-depositary-notice',
  extensionId: 'extension-definition--3c9e1f2a-6b7d-4e8f-9a0b-1c2d3e4f5a6b',
  name: 'Accord depositary notice',
  description:
    "The depositary's notice to the Parties of a recorded treaty event (Article 17 of the 2017 Agreement).",
  schema:
    "x-accord-depositary-notice has agreement, event_id (the depositary's id of the event), event_date, event (the recorded event), subject_en, subject_ru, " +
    'text_en, text_ru, recipients [party codes], in_force_before, in_force_after, changes [{party, from, to}].',
});

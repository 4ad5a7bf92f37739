// x-accord-criterion (Article 6): a shared criterion for recognising an information resource
// used for illegal purposes, in English and Russian, with each applying Party's legal reference.

import { declareAccordType } from './accord-type.js';

export interface LegalReference {
  party: string;
  reference: string;
}

export const criterionType = declareAccordType({
  type: 'x-accord-criterion',
  extensionId: 'extension-definition--7e2a9b4c-1d3f-4a5b-8c6d-0e1f2a3b4c5d',
  name: 'Accord blocking criterion',
  description:
    'A criterion of the shared catalogue for recognising information resources used for illegal purposes ' +
    '(Article 6), cited by blocking requests.',
  schema:
    'x-accord-criterion has code (short id, e.g. C-001), title_en, title_ru, description_en, description_ru, ' +
    'legal_references [{party, reference}].',
});

export const legalReferenceType = declareAccordType({
  type: 'x-accord-legal-reference',
  extensionId: 'extension-definition--3b5d7f9a-2c4e-4a6b-8d0f-1a3c5e7b9d2f',
  name: 'Accord legal reference',
  description:
    'A Party states, on its own node, the provision of its national law under which it applies a ' +
    'blocking criterion another Party put in the shared catalogue (Article 6).',
  schema:
    'x-accord-legal-reference has criterion_ref (x-accord-criterion id), party (the stating Party), reference, set_by? (user).',
});

export const blockingStatsType = declareAccordType({
  type: 'x-accord-blocking-stats',
  extensionId: 'extension-definition--8d4f6a2c-5e7b-4c9d-a1f3-6b8d0e2f4a7c',
  name: 'Accord blocking statistics',
  description:
    'One Party’s own outcomes for one blocking criterion (Article 6): how many resources it was asked ' +
    'to block under it, blocked and refused, per month. Published by that Party’s node as a new ' +
    'version whenever its counts change; it names no requester and no resource.',
  schema:
    'x-accord-blocking-stats has criterion_ref (x-accord-criterion id), party (the deciding Party), ' +
    'counts [{month (YYYY-MM), requested, blocked, refused}].',
});

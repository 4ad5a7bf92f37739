// x-accord-document (Articles 5 and 7): a library document — a draft treaty, a harmonisation
// proposal, a national legal act, an analysis — with its attached files named by SHA-256.

import { declareAccordType } from './accord-type.js';
import { DOCUMENT_KINDS } from './values.js';

export { DOCUMENT_KINDS };

export interface AttachedFile {
  filename: string;
  mediaType: string;
  sha256: string;
  size: number;
}

export const documentType = declareAccordType({
  type: 'x-accord-document',
  extensionId: 'extension-definition--2f4a6c8e-0b1d-4e3f-a5b7-c9d1e3f5a7b9',
  name: 'Accord library document',
  description:
    'A document of the Accord library: draft treaties, harmonisation proposals and national legal acts ' +
    '(Article 5), analytical, research and reference material (Article 7).',
  schema:
    'x-accord-document has title, language (ISO 639-1), kind (draft-treaty|harmonisation-proposal|legal-act|' +
    'analysis|reference|training|other), description?, content? (the text), files [{filename, media_type, sha256, size}] ' +
    "(the bytes are fetched from the maker's node over the signed peer route and checked against sha256), author? (user), revision_note?, exercise?.",
});

export const documentProposalType = declareAccordType({
  type: 'x-accord-document-proposal',
  extensionId: 'extension-definition--8d0f2b4c-6e1a-4c3d-9f5b-7a9c1e3d5f7b',
  name: 'Accord document proposal',
  description:
    'A Party’s comment on a shared draft, or the text it proposes for it (Article 5), made on its own ' +
    'node and carrying the draft’s markings.',
  schema:
    'x-accord-document-proposal has document_ref (x-accord-document id), party, user, comment, content? (the proposed text).',
});

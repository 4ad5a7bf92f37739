// Drafts worked on together (Article 5): the maker of a draft revises it on its node, each
// revision a new version of its signed document, all kept; any Party the draft is released to
// comments on it or proposes a text on its own node, as its own x-accord-document-proposal
// with the draft's markings, so it reaches exactly the Parties the draft does. Any two
// revisions or proposals are compared line by line.

import { AccordError } from '../errors.js';
import { disclosable } from '../node/disclosure.js';
import { partyIdentity } from '../node/identity.js';
import type { AccordNode } from '../node/node.js';
import { addEvent, getRecord, listEvents } from '../store/exchange-repo.js';
import { getVersions, latestCopiesList } from '../store/index.js';
import { documentStix, getDocument, keepDocument, type LibraryDocument } from './library-service.js';
import {
  audit,
  type Ctx,
  heldFrom,
  markingsAlike,
  markingsFor,
  newId,
  publish,
  stamp,
  str,
} from './records.js';
import { lineDiff } from './text/line-diff.js';
import { documentProposalType } from './types/document.js';

/** The maker revises its document on its own node: a new version, the earlier ones kept. */
export async function reviseDocument(
  node: AccordNode,
  ctx: Ctx,
  id: string,
  input: { content: string; note?: string },
): Promise<LibraryDocument> {
  const d = await getDocument(node, ctx, id);
  if (ctx.user.party !== d.party || (await heldFrom(node, { id }, d.party))) {
    throw new AccordError(
      'ACCORD_FORBIDDEN',
      `only ${d.party}, its maker, revises ${id}, on its own node; propose a change instead`,
    );
  }
  const row = (await getRecord(node.store.db, 'document', id))!;
  d.content = input.content;
  d.updatedAt = stamp();
  const m = markingsFor(d.party, d.tlp, d.releasableTo ? [d.party, ...d.releasableTo] : undefined);
  await publish(node, d.party, d.exercise, documentStix(d, m.refs, input.note), m.definitions);
  await keepDocument(node, d, row.seq);
  await audit(node, ctx, 'library.revised', { type: 'x-accord-document', id }, { note: input.note ?? null });
  return d;
}

/** A comment or a proposed text by any Party that sees the draft, made on its own node. */
export async function proposeChange(
  node: AccordNode,
  ctx: Ctx,
  id: string,
  input: { comment: string; content?: string },
) {
  const d = await getDocument(node, ctx, id);
  const party = ctx.user.party;
  if (party !== d.party && party !== node.settings.party) {
    throw new AccordError(
      'ACCORD_FORBIDDEN',
      `this node speaks for ${node.settings.party}; ${party} proposes changes on its own node`,
    );
  }
  // The draft is its maker's copy, another Party's: the proposal is made on a draft one may see.
  const copies = await latestCopiesList(node.store.db, [id]);
  const held = copies.find((v) => v.party !== node.settings.party) ?? copies[0]!;
  const markings = await markingsAlike(node, party, held);
  const at = stamp();
  const stix = documentProposalType.toStix(
    {
      id: newId('x-accord-document-proposal'),
      createdByRef: partyIdentity(party),
      created: at,
      modified: at,
      markingRefs: markings.refs,
    },
    { document_ref: id, party, user: ctx.user.name, comment: input.comment, content: input.content },
  );
  await publish(node, party, d.exercise, stix, markings.definitions);
  await keepProposal(node, d.party, stix);
  await audit(node, ctx, 'library.proposed', { type: 'x-accord-document', id }, { proposal: stix.id });
  return listRevisions(node, ctx, id);
}

async function keepProposal(node: AccordNode, maker: string, o: Record<string, unknown>) {
  const docId = str(o, 'document_ref')!;
  if ((await listEvents(node.store.db, docId)).some((e) => e.details.proposal === o.id)) return;
  await addEvent(node.store.db, maker, docId, {
    at: str(o, 'created') ?? stamp(),
    actor: { party: str(o, 'party') ?? '', user: str(o, 'user') ?? '' },
    action: 'proposed',
    details: {
      proposal: o.id,
      comment: str(o, 'comment') ?? '',
      ...(str(o, 'content') !== undefined ? { content: str(o, 'content') } : {}),
    },
  });
}

/** Another Party's proposal, received from its node, on a document held here. */
export async function receiveProposal(node: AccordNode, o: Record<string, unknown>): Promise<void> {
  const docId = str(o, 'document_ref');
  const party = str(o, 'party');
  if (!docId || !party || party === node.settings.party || !str(o, 'comment')) return;
  if (!(await heldFrom(node, o, party))) return;
  const row = await getRecord(node.store.db, 'document', docId);
  if (row) await keepProposal(node, row.party, o);
}

interface Revision {
  /** `v1`, `v2`… for the maker's versions, the proposal's id for a proposal. */
  revision: string;
  kind: 'version' | 'proposal';
  at: string;
  party: string;
  user: string;
  note?: string;
  content?: string;
}

/** Every revision of the draft the audience may see, and every proposal held here, in order. */
export async function listRevisions(node: AccordNode, ctx: Ctx, id: string) {
  const d = await getDocument(node, ctx, id);
  const versions = await disclosable(node, ctx.audience, await getVersions(node.store.db, id), 'rest');
  const out: Revision[] = versions
    .map((v) => JSON.parse(v.json) as Record<string, unknown>)
    .sort((a, b) => String(a.modified).localeCompare(String(b.modified)))
    .map((o, i) => ({
      revision: `v${i + 1}`,
      kind: 'version',
      at: String(o.modified),
      party: d.party,
      user: str(o, 'author') ?? d.party,
      ...(str(o, 'revision_note') ? { note: str(o, 'revision_note')! } : {}),
      ...(str(o, 'content') !== undefined ? { content: str(o, 'content')! } : {}),
    }));
  for (const e of await listEvents(node.store.db, id)) {
    if (e.action !== 'proposed') continue;
    out.push({
      revision: String(e.details.proposal),
      kind: 'proposal',
      at: e.at,
      party: e.actor.party,
      user: e.actor.user,
      note: String(e.details.comment ?? ''),
      ...(typeof e.details.content === 'string' ? { content: e.details.content } : {}),
    });
  }
  return { id, revisions: out.sort((a, b) => a.at.localeCompare(b.at)) };
}

/** Two revisions side by side: each line kept, removed or added, with its line numbers. */
export async function compareRevisions(node: AccordNode, ctx: Ctx, id: string, from: string, to: string) {
  const { revisions } = await listRevisions(node, ctx, id);
  const pick = (r: string) => {
    const found = revisions.find((x) => x.revision === r);
    if (!found) throw new AccordError('ACCORD_NOT_FOUND', `document ${id} has no revision ${r}`);
    if (found.content === undefined)
      throw new AccordError(
        'ACCORD_VALIDATION',
        `revision ${r} of ${id} proposes no text: nothing to compare`,
      );
    return found.content;
  };
  return { id, from, to, lines: lineDiff(pick(from), pick(to)) };
}

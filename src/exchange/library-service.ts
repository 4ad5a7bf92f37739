// The library (Articles 5 and 7): documents with attached files, each file stored once under
// its SHA-256 in the node's data directory, searchable in English and Russian.

import { AccordError } from '../errors.js';
import { partyIdentity } from '../node/identity.js';
import type { AccordNode } from '../node/node.js';
import type { TlpLevel } from '../policy/index.js';
import { getRecord, listRecords, saveRecord } from '../store/exchange-repo.js';
import { indexDocument, saveFileMeta, searchDocuments } from '../store/library-repo.js';
import { fileArtifactId, readStoredFile, storeFile } from './library-files.js';
import {
  audit,
  type Ctx,
  exerciseOf,
  markingsFor,
  newId,
  pageRecords,
  publish,
  stamp,
  visibleRecord,
  visibleRows,
} from './records.js';
import { ftsQuery, stemmedText } from './text/search-text.js';
import { type AttachedFile, documentType } from './types/document.js';

export interface NewDocument {
  title: string;
  language: string;
  kind: string;
  description?: string;
  content?: string;
  tlp?: TlpLevel;
  releasableTo?: string[];
  files?: { filename: string; mediaType: string; contentBase64: string }[];
}

export interface LibraryDocument {
  id: string;
  title: string;
  language: string;
  kind: string;
  description?: string;
  content?: string;
  tlp: TlpLevel;
  releasableTo?: string[];
  files: AttachedFile[];
  party: string;
  createdBy: string;
  createdAt: string;
  updatedAt?: string;
  exercise: string | null;
}

/** The document's STIX version; a revision is a new version of the same object. */
export function documentStix(d: LibraryDocument, markingRefs: readonly string[], note?: string) {
  return documentType.toStix(
    {
      id: d.id,
      createdByRef: partyIdentity(d.party),
      created: d.createdAt,
      modified: d.updatedAt ?? d.createdAt,
      markingRefs,
    },
    {
      title: d.title,
      language: d.language,
      kind: d.kind,
      description: d.description,
      content: d.content,
      files: d.files.map((f) => ({
        filename: f.filename,
        media_type: f.mediaType,
        sha256: f.sha256,
        size: f.size,
        artifact_ref: fileArtifactId(d.id, f.sha256),
      })),
      author: d.createdBy,
      revision_note: note,
      exercise: d.exercise ?? undefined,
    },
  );
}

/** Indexes a document for search and keeps its record, on the maker's node or a recipient's. */
export async function keepDocument(node: AccordNode, d: LibraryDocument, seq: number): Promise<void> {
  await saveRecord(node.store.db, {
    party: d.party,
    id: d.id,
    kind: 'document',
    state: 'published',
    exercise: d.exercise,
    seq,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt ?? d.createdAt,
    deadline: null,
    addressee: null,
    json: JSON.stringify(d),
  });
  const text = [d.title, d.description ?? '', d.content ?? ''].join('\n');
  await indexDocument(node.store.db, {
    party: d.party,
    id: d.id,
    exercise: d.exercise,
    text,
    stemmed: stemmedText(text),
  });
}

export async function addDocument(node: AccordNode, ctx: Ctx, input: NewDocument): Promise<LibraryDocument> {
  const party = ctx.user.party;
  const at = stamp();
  const stored = (input.files ?? []).map((f) => storeFile(node, f));
  for (const f of stored) await saveFileMeta(node.store.db, f.sha256, f.size, f.mediaType);
  const files = stored.map(({ bytes: _b, ...f }) => f);
  const id = newId('x-accord-document');
  const d: LibraryDocument = {
    id,
    title: input.title,
    language: input.language,
    kind: input.kind,
    ...(input.description ? { description: input.description } : {}),
    ...(input.content ? { content: input.content } : {}),
    tlp: input.tlp ?? 'green',
    ...(input.releasableTo ? { releasableTo: input.releasableTo } : {}),
    files,
    party,
    createdBy: ctx.user.name,
    createdAt: at,
    exercise: exerciseOf(ctx),
  };
  const m = markingsFor(party, d.tlp, d.releasableTo ? [party, ...d.releasableTo] : undefined);
  for (const f of stored) {
    const artifact = {
      type: 'artifact',
      spec_version: '2.1',
      id: fileArtifactId(id, f.sha256),
      mime_type: f.mediaType,
      payload_bin: f.bytes.toString('base64'),
      hashes: { 'SHA-256': f.sha256 },
      object_marking_refs: m.refs,
    };
    await publish(node, party, d.exercise, artifact, m.definitions);
  }
  const stix = documentStix(d, m.refs);
  await publish(node, party, d.exercise, stix, m.definitions);
  await keepDocument(node, d, node.store.clock.next());
  await audit(
    node,
    ctx,
    'library.added',
    { type: 'x-accord-document', id: d.id },
    { files: files.map((f) => f.sha256) },
  );
  return d;
}

export async function getDocument(node: AccordNode, ctx: Ctx, id: string): Promise<LibraryDocument> {
  const row = await visibleRecord(
    node,
    ctx.audience,
    await getRecord(node.store.db, 'document', id),
    'document',
    id,
  );
  return JSON.parse(row.json) as LibraryDocument;
}

/** A file of a document the audience may see; the bytes are checked against their name. */
export async function readFile(node: AccordNode, ctx: Ctx, id: string, sha256: string) {
  const d = await getDocument(node, ctx, id);
  const f = d.files.find((x) => x.sha256 === sha256);
  if (!f) throw new AccordError('ACCORD_NOT_FOUND', `document ${id} has no file ${sha256}`);
  return { file: f, bytes: await readStoredFile(node, d, f) };
}

export interface LibraryFilter {
  q?: string;
  language?: string;
  kind?: string;
}

export async function listDocuments(
  node: AccordNode,
  ctx: Ctx,
  f: LibraryFilter,
  limit: number,
  before?: number,
) {
  const keep = (d: LibraryDocument) =>
    (!f.language || d.language === f.language) && (!f.kind || d.kind === f.kind);
  if (!f.q) {
    const page = await pageRecords(node, ctx.audience, { kind: 'document' }, limit, before);
    return {
      items: page.rows.map((r) => JSON.parse(r.json) as LibraryDocument).filter(keep),
      next: page.next,
    };
  }
  const expr = ftsQuery(f.q);
  if (!expr) return { items: [], next: null };
  // Search results are ranked, not paged by cursor: the best 200 matches, then the gate.
  const ids = await searchDocuments(node.store.db, {
    text: f.q,
    ftsQuery: expr,
    exercise: exerciseOf(ctx),
    limit: 200,
  });
  const rows = await listRecords(node.store.db, {
    kind: 'document',
    exercise: exerciseOf(ctx),
    ids,
    limit: 200,
  });
  const visible = await visibleRows(node, ctx.audience, rows);
  const rank = new Map(ids.map((id, i) => [id, i]));
  const items = visible
    .map((r) => JSON.parse(r.json) as LibraryDocument)
    .filter(keep)
    .sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0))
    .slice(0, limit);
  return { items, next: null };
}

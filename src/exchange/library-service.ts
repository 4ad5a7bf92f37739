// The library (Articles 5 and 7): documents with attached files, each file stored once under
// its SHA-256 in the node's data directory, searchable in English and Russian. A document's
// signed object names its files by SHA-256 and size only; the bytes follow over the peer route.

import type { Readable } from 'node:stream';
import { AccordError } from '../errors.js';
import { partyIdentity } from '../node/identity.js';
import type { AccordNode } from '../node/node.js';
import type { TlpLevel } from '../policy/index.js';
import { getRecord, listRecords, saveRecord } from '../store/exchange-repo.js';
import { indexDocument, saveFileMeta, searchDocuments } from '../store/library-repo.js';
import { keepStream, maxFileBytes, openStoredFile, storeFile } from './library-files.js';
import {
  audit,
  type Ctx,
  exerciseOf,
  heldFrom,
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
  const files: AttachedFile[] = [];
  for (const f of input.files ?? []) files.push(await storeFile(node, f));
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

/** A file of a document the audience may see, as a stream (checked against its hash when kept). */
export async function openFile(node: AccordNode, ctx: Ctx, id: string, sha256: string) {
  const d = await getDocument(node, ctx, id);
  const f = d.files.find((x) => x.sha256 === sha256);
  if (!f) throw new AccordError('ACCORD_NOT_FOUND', `document ${id} has no file ${sha256}`);
  return { file: f, ...(await openStoredFile(node, d, f)) };
}

/** The same, read whole: for tests and small files only. */
export async function readFile(node: AccordNode, ctx: Ctx, id: string, sha256: string) {
  const { file, stream } = await openFile(node, ctx, id, sha256);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return { file, bytes: Buffer.concat(chunks) };
}

/**
 * The maker streams a file into its document, on its own node: the bytes go to disk through
 * their hash, never whole in memory, and a new version of the document names them.
 */
export async function attachFile(
  node: AccordNode,
  ctx: Ctx,
  id: string,
  input: { filename: string; mediaType: string; body: Readable | AsyncIterable<Uint8Array> },
): Promise<LibraryDocument> {
  const d = await getDocument(node, ctx, id);
  if (ctx.user.party !== d.party || (await heldFrom(node, { id }, d.party))) {
    throw new AccordError(
      'ACCORD_FORBIDDEN',
      `only ${d.party}, its maker, adds files to ${id}, on its own node`,
    );
  }
  if (d.files.length >= MAX_FILES)
    throw new AccordError(
      'ACCORD_LIMIT_EXCEEDED',
      `document ${id} has ${MAX_FILES} files, the most it may have`,
    );
  const kept = await keepStream(node, input.body, { limit: maxFileBytes(), what: input.filename });
  await saveFileMeta(node.store.db, kept.sha256, kept.size, input.mediaType);
  const row = (await getRecord(node.store.db, 'document', id))!;
  d.files = [
    ...d.files.filter((f) => f.sha256 !== kept.sha256),
    { filename: input.filename, mediaType: input.mediaType, ...kept },
  ];
  d.updatedAt = stamp();
  const m = markingsFor(d.party, d.tlp, d.releasableTo ? [d.party, ...d.releasableTo] : undefined);
  await publish(
    node,
    d.party,
    d.exercise,
    documentStix(d, m.refs, `file ${input.filename} added`),
    m.definitions,
  );
  await keepDocument(node, d, row.seq);
  await audit(
    node,
    ctx,
    'library.file-added',
    { type: 'x-accord-document', id },
    {
      sha256: kept.sha256,
      size: kept.size,
    },
  );
  return d;
}

/** The most files one document names (the JSON route allows as many). */
export const MAX_FILES = 20;

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

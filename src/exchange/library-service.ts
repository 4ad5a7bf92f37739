// The library (Articles 5 and 7): documents with attached files, each file stored once under
// its SHA-256 in the node's data directory, searchable in English and Russian.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccordError } from '../errors.js';
import { partyIdentity } from '../node/identity.js';
import type { AccordNode } from '../node/node.js';
import type { TlpLevel } from '../policy/index.js';
import { getRecord, listRecords, saveRecord } from '../store/exchange-repo.js';
import { indexDocument, saveFileMeta, searchDocuments } from '../store/library-repo.js';
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

/** Largest attached file, decoded (documented in docs/analysts.md). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

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
  exercise: string | null;
}

function storeFile(
  node: AccordNode,
  f: { filename: string; mediaType: string; contentBase64: string },
): AttachedFile {
  const bytes = Buffer.from(f.contentBase64, 'base64');
  if (bytes.length > MAX_FILE_BYTES) {
    throw new AccordError(
      'ACCORD_PAYLOAD_TOO_LARGE',
      `${f.filename} is ${bytes.length} bytes; a file may have ${MAX_FILE_BYTES}`,
    );
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const dir = join(node.dataDir, 'library');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, sha256);
  if (!existsSync(path)) writeFileSync(path, bytes, { mode: 0o600 });
  return { filename: f.filename, mediaType: f.mediaType, sha256, size: bytes.length };
}

export async function addDocument(node: AccordNode, ctx: Ctx, input: NewDocument): Promise<LibraryDocument> {
  const party = ctx.user.party;
  const at = stamp();
  const files = (input.files ?? []).map((f) => storeFile(node, f));
  for (const f of files) await saveFileMeta(node.store.db, f.sha256, f.size, f.mediaType);
  const d: LibraryDocument = {
    id: newId('x-accord-document'),
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
  const stix = documentType.toStix(
    { id: d.id, createdByRef: partyIdentity(party), created: at, modified: at, markingRefs: m.refs },
    {
      title: d.title,
      language: d.language,
      kind: d.kind,
      description: d.description,
      content: d.content,
      files: files.map((f) => ({
        filename: f.filename,
        media_type: f.mediaType,
        sha256: f.sha256,
        size: f.size,
      })),
      exercise: d.exercise ?? undefined,
    },
  );
  await publish(node, party, d.exercise, stix, m.definitions);
  await saveRecord(node.store.db, {
    party,
    id: d.id,
    kind: 'document',
    state: 'published',
    exercise: d.exercise,
    seq: node.store.clock.next(),
    createdAt: at,
    updatedAt: at,
    deadline: null,
    addressee: null,
    json: JSON.stringify(d),
  });
  const text = [d.title, d.description ?? '', d.content ?? ''].join('\n');
  await indexDocument(node.store.db, {
    party,
    id: d.id,
    exercise: d.exercise,
    text,
    stemmed: stemmedText(text),
  });
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
  const bytes = readFileSync(join(node.dataDir, 'library', sha256));
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
    throw new AccordError('ACCORD_INTERNAL', `stored file ${sha256} does not match its SHA-256`);
  }
  return { file: f, bytes };
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

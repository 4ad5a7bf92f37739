// Library documents arriving from other Parties' nodes: each becomes a document of this
// node's Library (listed, searchable in Russian and English, downloadable) as its maker
// released it. Its files are fetched from the maker's node by the federation service
// (federation/peering/file-fetch.ts), which asks here which ones are still missing.

import type { AccordNode } from '../node/node.js';
import { getRecord } from '../store/exchange-repo.js';
import { latestCopiesList } from '../store/index.js';
import { receivedDocuments } from '../store/library-repo.js';
import { fileFromArtifact, hasFile } from './library-files.js';
import { keepDocument, type LibraryDocument } from './library-service.js';
import { str, tlpOf } from './records.js';
import type { AttachedFile } from './types/document.js';

export async function receiveDocument(node: AccordNode, o: Record<string, unknown>): Promise<void> {
  const id = str(o, 'id');
  if (!id) return;
  // The maker is the Party whose signed version federation stored, never a claim inside it.
  // Ids are owned per Party: the copy that counts is one another Party's node sent.
  const held = (await latestCopiesList(node.store.db, [id])).find(
    (v) => v.party !== node.settings.party && v.sourceNode !== node.settings.nodeId,
  );
  if (!held) return;
  const row = await getRecord(node.store.db, 'document', id);
  const modified = str(o, 'modified') ?? '';
  if (row && row.updatedAt >= modified) return;
  const files = (Array.isArray(o.files) ? (o.files as Record<string, unknown>[]) : []).flatMap((f) => {
    const sha256 = str(f, 'sha256');
    const size = typeof f.size === 'number' ? f.size : undefined;
    if (!sha256 || !/^[0-9a-f]{64}$/.test(sha256) || size === undefined) return [];
    return [
      {
        filename: str(f, 'filename') ?? sha256,
        mediaType: str(f, 'media_type') ?? 'application/octet-stream',
        sha256,
        size,
      },
    ];
  });
  const d: LibraryDocument = {
    id,
    title: str(o, 'title') ?? '',
    language: str(o, 'language') ?? '',
    kind: str(o, 'kind') ?? 'other',
    ...(str(o, 'description') ? { description: str(o, 'description')! } : {}),
    ...(str(o, 'content') ? { content: str(o, 'content')! } : {}),
    tlp: tlpOf(o) ?? 'amber',
    files,
    party: held.party,
    createdBy: str(o, 'author') ?? held.party,
    createdAt: str(o, 'created') ?? modified,
    updatedAt: modified,
    exercise: str(o, 'exercise') ?? null,
  };
  await keepDocument(node, d, row?.seq ?? node.store.clock.next());
  // A document sent before files were streamed carried them as artifacts.
  for (const f of files) if (!hasFile(node, f.sha256)) await fileFromArtifact(node, d, f);
}

/** A file a received document names that this node does not hold yet. */
export interface MissingFile {
  documentId: string;
  /** The maker: its node serves the file. */
  party: string;
  file: AttachedFile;
}

/** The files of documents received from other Parties that are not on this node yet. */
export async function missingFiles(node: AccordNode): Promise<MissingFile[]> {
  const out: MissingFile[] = [];
  for (const row of await receivedDocuments(node.store.db, node.settings.party)) {
    const d = JSON.parse(row.json) as LibraryDocument;
    for (const f of d.files ?? [])
      if (!hasFile(node, f.sha256)) out.push({ documentId: d.id, party: d.party, file: f });
  }
  return out;
}

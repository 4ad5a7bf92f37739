// The library's files: each kept once under its SHA-256 in the node's data directory, and
// carried to other Parties' nodes as a STIX artifact of the document's maker, checked against
// its hash when it is written out on arrival.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { v5 as uuidv5 } from 'uuid';
import { AccordError } from '../errors.js';
import type { AccordNode } from '../node/node.js';
import { latestCopiesList } from '../store/index.js';
import { saveFileMeta } from '../store/library-repo.js';
import type { AttachedFile } from './types/document.js';

/** Largest attached file, decoded (documented in docs/analysts.md). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Keeps bytes under their SHA-256 in the node's library directory; returns the hash. */
export function keepBytes(node: AccordNode, bytes: Buffer): string {
  const sha256 = sha(bytes);
  const dir = join(node.dataDir, 'library');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, sha256);
  if (!existsSync(path)) writeFileSync(path, bytes, { mode: 0o600 });
  return sha256;
}

export function storeFile(
  node: AccordNode,
  f: { filename: string; mediaType: string; contentBase64: string },
): AttachedFile & { bytes: Buffer } {
  const bytes = Buffer.from(f.contentBase64, 'base64');
  if (bytes.length > MAX_FILE_BYTES) {
    throw new AccordError(
      'ACCORD_PAYLOAD_TOO_LARGE',
      `${f.filename} is ${bytes.length} bytes; a file may have ${MAX_FILE_BYTES}`,
    );
  }
  const sha256 = keepBytes(node, bytes);
  return { filename: f.filename, mediaType: f.mediaType, sha256, size: bytes.length, bytes };
}

const FILE_NAMESPACE = '0d6f2b9a-4c1e-4f3a-8b5d-7e9c1a3f5b2d';

/**
 * A document's file travels as a STIX artifact of the document's maker, with the document's
 * markings, so it reaches exactly the Parties the document does, through the same gate. Its
 * id is derived from the document and the hash: each Party's copy is its own object.
 */
export function fileArtifactId(documentId: string, sha256: string): string {
  return `artifact--${uuidv5(`${documentId}:${sha256}`, FILE_NAMESPACE)}`;
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Writes out a received document's file from the artifact that carried it, when that artifact
 * is held and its bytes match the hash the document names; false otherwise (not arrived yet,
 * or altered: a file is never kept under a hash it does not have).
 */
export async function fileFromArtifact(
  node: AccordNode,
  documentId: string,
  f: AttachedFile,
): Promise<boolean> {
  const [v] = await latestCopiesList(node.store.db, [fileArtifactId(documentId, f.sha256)]);
  if (!v) return false;
  const o = JSON.parse(v.json) as { payload_bin?: unknown };
  if (typeof o.payload_bin !== 'string') return false;
  const bytes = Buffer.from(o.payload_bin, 'base64');
  if (bytes.length > MAX_FILE_BYTES || bytes.length !== f.size || sha(bytes) !== f.sha256) return false;
  keepBytes(node, bytes);
  await saveFileMeta(node.store.db, f.sha256, f.size, f.mediaType);
  return true;
}

/** A document's file, checked against its name; a received one is written out on first read. */
export async function readStoredFile(node: AccordNode, d: { id: string }, f: AttachedFile): Promise<Buffer> {
  const path = join(node.dataDir, 'library', f.sha256);
  if (!existsSync(path) && !(await fileFromArtifact(node, d.id, f))) {
    throw new AccordError(
      'ACCORD_NOT_FOUND',
      `file ${f.sha256} of document ${d.id} has not arrived on this node yet`,
    );
  }
  const bytes = readFileSync(path);
  if (sha(bytes) !== f.sha256) {
    throw new AccordError('ACCORD_INTERNAL', `stored file ${f.sha256} does not match its SHA-256`);
  }
  return bytes;
}

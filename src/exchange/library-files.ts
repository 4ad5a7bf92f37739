// The library's files: each kept once under its SHA-256 in the node's data directory. A file
// is written by streaming it through a hash into a temporary file that takes its name only
// once its SHA-256 (and, when known, its size) is the one expected: a file is never kept under
// a hash it does not have, and never held whole in memory. Other Parties' nodes fetch a file
// from its maker's node over the signed peer route (federation/peering/file-routes.ts); files
// of documents received before that carried their bytes in a STIX artifact, still read here.

import { createHash, randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { v5 as uuidv5 } from 'uuid';
import { AccordError } from '../errors.js';
import type { AccordNode } from '../node/node.js';
import { latestCopiesList } from '../store/index.js';
import { saveFileMeta } from '../store/library-repo.js';
import type { AttachedFile } from './types/document.js';

/** A file sent base64-encoded inside a JSON body (POST /library): at most 10 MiB decoded. */
export const MAX_INLINE_BYTES = 10 * 1024 * 1024;
/** The default largest file a node takes or fetches (docs/analysts.md, docs/federation.md). */
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;
export const MAX_FILE_ENV = 'ACCORD_LIBRARY_MAX_FILE_BYTES';

/** The largest file this node takes: ACCORD_LIBRARY_MAX_FILE_BYTES, or 256 MiB. */
export function maxFileBytes(): number {
  const set = Number(process.env[MAX_FILE_ENV]);
  return Number.isSafeInteger(set) && set > 0 ? set : DEFAULT_MAX_FILE_BYTES;
}

export function tooLarge(what: string, limit: number): AccordError {
  return new AccordError(
    'ACCORD_PAYLOAD_TOO_LARGE',
    `${what} is larger than ${limit} bytes, the largest file this node takes (${MAX_FILE_ENV})`,
    { limit },
  );
}

function libraryDir(node: AccordNode): string {
  const dir = join(node.dataDir, 'library');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export function filePath(node: AccordNode, sha256: string): string {
  return join(node.dataDir, 'library', sha256);
}

export function hasFile(node: AccordNode, sha256: string): boolean {
  return existsSync(filePath(node, sha256));
}

/** A stream's bytes did not match what they were expected to be; nothing was kept. */
export class FileMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileMismatch';
  }
}

/**
 * Streams bytes into the library under their SHA-256. `expect`: the hash and size the bytes
 * must have (a received file), else FileMismatch; above `limit` bytes: 413, and the rest of
 * the source is left unread. Returns the hash and size of what is kept.
 */
export async function keepStream(
  node: AccordNode,
  source: Readable | AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  o: { limit: number; expect?: { sha256: string; size: number }; what: string },
): Promise<{ sha256: string; size: number }> {
  const dir = libraryDir(node);
  const part = join(dir, `.part-${randomBytes(8).toString('hex')}`);
  const out = createWriteStream(part, { mode: 0o600 });
  // A disk error (full, removed) is kept and thrown from the loop, never left unhandled.
  let failed: Error | null = null;
  out.on('error', (e) => {
    failed = e;
  });
  const check = () => {
    if (failed) throw failed;
  };
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of source) {
      check();
      size += chunk.length;
      if (size > o.limit) throw tooLarge(o.what, o.limit);
      if (o.expect && size > o.expect.size)
        throw new FileMismatch(`${o.what} is longer than the ${o.expect.size} bytes its document names`);
      hash.update(chunk);
      if (!out.write(chunk))
        await new Promise<void>((r) => {
          out.once('drain', () => r());
          out.once('error', () => r());
        });
    }
    check();
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.end(() => resolve());
    });
    check();
    const sha256 = hash.digest('hex');
    if (o.expect && (sha256 !== o.expect.sha256 || size !== o.expect.size))
      throw new FileMismatch(
        `${o.what} has SHA-256 ${sha256} and ${size} bytes; its document names ${o.expect.sha256} and ${o.expect.size}`,
      );
    const final = join(dir, sha256);
    if (existsSync(final)) rmSync(part, { force: true });
    else renameSync(part, final);
    return { sha256, size };
  } catch (e) {
    // The source is the caller's to close: a download is aborted, a request is answered.
    out.destroy();
    rmSync(part, { force: true });
    throw e;
  }
}

/** Keeps bytes already in memory (a base64 file of a JSON body); returns the hash. */
export async function keepBytes(node: AccordNode, bytes: Buffer, what = 'the file'): Promise<string> {
  return (await keepStream(node, [bytes], { limit: MAX_INLINE_BYTES, what })).sha256;
}

export async function storeFile(
  node: AccordNode,
  f: { filename: string; mediaType: string; contentBase64: string },
): Promise<AttachedFile> {
  const bytes = Buffer.from(f.contentBase64, 'base64');
  if (bytes.length > MAX_INLINE_BYTES) {
    throw new AccordError(
      'ACCORD_PAYLOAD_TOO_LARGE',
      `${f.filename} is ${bytes.length} bytes; a file sent inside JSON may have ${MAX_INLINE_BYTES} (upload larger ones with PUT /api/v1/library/{id}/files)`,
    );
  }
  const sha256 = await keepBytes(node, bytes, f.filename);
  await saveFileMeta(node.store.db, sha256, bytes.length, f.mediaType);
  return { filename: f.filename, mediaType: f.mediaType, sha256, size: bytes.length };
}

const FILE_NAMESPACE = '0d6f2b9a-4c1e-4f3a-8b5d-7e9c1a3f5b2d';

/**
 * The id of the artifact that carried a file of a document made before files were streamed
 * (derived from the document and the hash); kept so those files stay readable.
 */
export function fileArtifactId(documentId: string, sha256: string): string {
  return `artifact--${uuidv5(`${documentId}:${sha256}`, FILE_NAMESPACE)}`;
}

/**
 * Writes out a file of a document received the old way, from the artifact its maker sent:
 * the maker's copy only (another Party's copy of the same id says nothing of this document),
 * and only when its bytes match the hash the document names. False otherwise.
 */
export async function fileFromArtifact(
  node: AccordNode,
  d: { id: string; party: string },
  f: AttachedFile,
): Promise<boolean> {
  const copies = await latestCopiesList(node.store.db, [fileArtifactId(d.id, f.sha256)]);
  const v = copies.find((c) => c.party === d.party);
  if (!v) return false;
  const o = JSON.parse(v.json) as { payload_bin?: unknown };
  if (typeof o.payload_bin !== 'string') return false;
  const bytes = Buffer.from(o.payload_bin, 'base64');
  try {
    await keepStream(node, [bytes], {
      limit: MAX_INLINE_BYTES,
      expect: { sha256: f.sha256, size: f.size },
      what: `file ${f.sha256}`,
    });
  } catch {
    return false;
  }
  await saveFileMeta(node.store.db, f.sha256, f.size, f.mediaType);
  return true;
}

/**
 * A document's file as a stream, with its size. A file of a document received the old way is
 * written out from its artifact on first read; one still being fetched is 404 until it arrives.
 */
export async function openStoredFile(
  node: AccordNode,
  d: { id: string; party: string },
  f: AttachedFile,
): Promise<{ stream: Readable; size: number }> {
  const path = filePath(node, f.sha256);
  if (!existsSync(path) && !(await fileFromArtifact(node, d, f))) {
    throw new AccordError(
      'ACCORD_NOT_FOUND',
      `file ${f.sha256} of document ${d.id} has not arrived on this node yet; it is fetched from ${d.party}'s node and retried until it does`,
    );
  }
  return { stream: createReadStream(path), size: statSync(path).size };
}

// Fetching received documents' files from their makers' nodes. A document's signed object
// names each file by SHA-256 and size; the bytes come over the signed peer route
// (file-routes.ts), streamed to disk through their hash, and kept only when both match. A
// file that does not arrive, or arrives altered, is refused and tried again later, with
// exponential backoff per file; an altered one is written to the audit log.

import { Readable } from 'node:stream';
import { recordAudit } from '../../audit/log.js';
import { FileMismatch, keepStream, maxFileBytes, tooLarge } from '../../exchange/library-files.js';
import { type MissingFile, missingFiles } from '../../exchange/library-received.js';
import type { AccordNode } from '../../node/node.js';
import { saveFileMeta } from '../../store/library-repo.js';
import { listPeers, type Peer } from '../../store/peers-repo.js';
import { PeerError } from './peer-client.js';
import { SIGNATURE_HEADER, signRequest } from './request-auth.js';
import { FEDERATION_PREFIX } from './wire.js';

export interface FileFetchOptions {
  /** First retry delay after a failed fetch; doubles up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** A whole file must arrive within this (default 10 min). */
  timeoutMs?: number;
}

/** Streams one file from `peer` into this node's library; throws when it is not the one named. */
export async function fetchFile(
  node: AccordNode,
  peer: Peer,
  m: MissingFile,
  o: Pick<FileFetchOptions, 'timeoutMs'> = {},
): Promise<void> {
  const what = `file ${m.file.sha256} of ${m.documentId} from ${peer.nodeId}`;
  const limit = maxFileBytes();
  if (m.file.size > limit) throw tooLarge(what, limit);
  if (!peer.url) throw new PeerError(0, `${peer.nodeId} is reached through a hub: it has no URL`);
  const url = new URL(`${FEDERATION_PREFIX}/library/${m.documentId}/files/${m.file.sha256}`, peer.url);
  const signature = await signRequest(node.keys.privateKey, {
    from: node.settings.nodeId,
    to: peer.nodeId,
    method: 'GET',
    path: url.pathname + url.search,
    body: '',
  });
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { [SIGNATURE_HEADER]: signature, accept: 'application/octet-stream' },
      signal: AbortSignal.timeout(o.timeoutMs ?? 600_000),
    });
  } catch (e) {
    throw new PeerError(0, `${peer.nodeId} at ${peer.url} cannot be reached: ${(e as Error).message}`);
  }
  if (!res.ok || !res.body) {
    const text = await res.text().catch(() => '');
    throw new PeerError(
      res.status,
      `${peer.nodeId} answered ${res.status} ${text.slice(0, 300)}`,
      'http-error',
    );
  }
  const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream);
  try {
    await keepStream(node, body, { limit, expect: { sha256: m.file.sha256, size: m.file.size }, what });
  } catch (e) {
    body.destroy();
    throw e;
  }
  await saveFileMeta(node.store.db, m.file.sha256, m.file.size, m.file.mediaType);
}

interface Retry {
  attempt: number;
  nextAt: number;
}

/**
 * Fetches every missing file, one at a time, whenever it is kicked (the federation service
 * kicks it when something is committed and on its pull timer), and again when a failed
 * file's backoff runs out.
 */
export class FileFetcher {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly retries = new Map<string, Retry>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly node: AccordNode,
    private readonly o: FileFetchOptions = {},
  ) {}

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.sweep().catch((e: Error) =>
          this.node.log.warn({ err: e }, 'fetching library files failed'),
        );
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private async sweep(): Promise<void> {
    const missing = await missingFiles(this.node);
    if (missing.length === 0) return;
    const peers = await listPeers(this.node.store.db);
    const now = Date.now();
    for (const m of missing) {
      if (this.stopped) return;
      const key = `${m.documentId}:${m.file.sha256}`;
      const r = this.retries.get(key);
      if (r && r.nextAt > now) continue;
      const makers = peers.filter((p) => p.party === m.party && p.url);
      let failure: Error | null = null;
      for (const p of makers) {
        try {
          await fetchFile(this.node, p, m, this.o);
          failure = null;
          break;
        } catch (e) {
          failure = e as Error;
          if (e instanceof FileMismatch) await this.auditRefused(p, m, e);
        }
      }
      if (!failure) {
        this.retries.delete(key);
        continue;
      }
      this.later(key, r?.attempt ?? 0);
      this.node.log.warn({ err: failure }, 'library file not fetched (will retry)');
    }
  }

  private later(key: string, attempt: number): void {
    const base = this.o.baseBackoffMs ?? 2000;
    const cap = this.o.maxBackoffMs ?? 10 * 60_000;
    const delay = Math.min(cap, base * 2 ** Math.min(attempt, 20));
    this.retries.set(key, { attempt: attempt + 1, nextAt: Date.now() + delay });
    if (this.timer) clearTimeout(this.timer);
    const soonest = Math.min(...[...this.retries.values()].map((x) => x.nextAt)) - Date.now();
    this.timer = setTimeout(() => this.kick(), Math.max(0, soonest) + 5);
    this.timer.unref();
  }

  private async auditRefused(peer: Peer, m: MissingFile, e: Error): Promise<void> {
    await recordAudit(this.node, [
      {
        at: new Date().toISOString(),
        actor: { kind: 'node', id: peer.nodeId, party: peer.party },
        action: 'library.file-refused',
        subject: { type: 'x-accord-document', id: m.documentId },
        details: { sha256: m.file.sha256, reason: e.message.slice(0, 500) },
      },
    ]).catch((err) => this.node.log.error({ err }, 'auditing a refused library file failed'));
  }
}

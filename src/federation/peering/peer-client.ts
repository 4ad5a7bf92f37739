import type { AccordNode } from '../../node/node.js';
import { checkJsonLimits } from '../../stix/limits.js';
import type { Peer } from '../../store/peers-repo.js';
import { type FetchLike, fetchWithRetry } from '../http-retry.js';
import { SIGNATURE_HEADER, signRequest } from './request-auth.js';
import { FEDERATION_PREFIX, type InboxAnswer, type OutboxPage, type WireItem } from './wire.js';

/** A peer's refusal or an unreachable peer; `status` 0 when no answer came. */
export class PeerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'PeerError';
  }
}

export interface ClientOptions {
  fetch?: FetchLike;
  /** Quick retries inside one exchange; the link's own backoff handles longer outages. */
  maxRetries?: number;
  timeoutMs?: number;
}

async function call(
  node: AccordNode,
  peer: Peer,
  method: 'GET' | 'POST',
  pathAndQuery: string,
  body: string,
  o: ClientOptions,
): Promise<unknown> {
  if (!peer.url) throw new PeerError(0, `${peer.nodeId} is reached through a hub: it has no URL`);
  const url = new URL(`${FEDERATION_PREFIX}${pathAndQuery}`, peer.url);
  const signature = await signRequest(node.keys.privateKey, {
    from: node.settings.nodeId,
    to: peer.nodeId,
    method,
    path: url.pathname + url.search,
    body,
  });
  let res: Response;
  try {
    res = await fetchWithRetry(
      url.toString(),
      {
        method,
        headers: {
          [SIGNATURE_HEADER]: signature,
          accept: 'application/json',
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        },
        ...(method === 'POST' ? { body } : {}),
        signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
      },
      { maxRetries: o.maxRetries ?? 0, ...(o.fetch ? { fetch: o.fetch } : {}) },
    );
  } catch (e) {
    throw new PeerError(0, `${peer.nodeId} at ${peer.url} cannot be reached: ${(e as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) {
    let message = text.slice(0, 300);
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
    } catch {}
    throw new PeerError(res.status, `${peer.nodeId} answered ${res.status}: ${message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new PeerError(res.status, `${peer.nodeId} answered with something that is not JSON`);
  }
  // What a peer sends passes the same door as any request body (docs/security.md, "Limits").
  const issue = checkJsonLimits(doc);
  if (issue) throw new PeerError(res.status, `${peer.nodeId} answered ${issue.path}: ${issue.message}`);
  return doc;
}

export async function pushItems(
  node: AccordNode,
  peer: Peer,
  items: WireItem[],
  o: ClientOptions = {},
): Promise<InboxAnswer> {
  const body = JSON.stringify({ from_node: node.settings.nodeId, items });
  return (await call(node, peer, 'POST', '/inbox', body, o)) as InboxAnswer;
}

export async function pullPage(
  node: AccordNode,
  peer: Peer,
  after: number,
  limit: number,
  o: ClientOptions = {},
): Promise<OutboxPage> {
  const page = (await call(node, peer, 'GET', `/outbox?after=${after}&limit=${limit}`, '', o)) as OutboxPage;
  if (!Array.isArray(page?.items) || !/^\d+$/.test(String(page.next)))
    throw new PeerError(200, `${peer.nodeId} answered with something that is not an outbox page`);
  return page;
}

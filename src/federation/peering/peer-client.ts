import type { AccordNode } from '../../node/node.js';
import { checkJsonLimits } from '../../stix/limits.js';
import type { Peer } from '../../store/peers-repo.js';
import { type FetchLike, fetchWithRetry } from '../http-retry.js';
import { type AckItem, checkAck } from './ack.js';
import type { FailureState } from './health.js';
import { publicKeyOf } from './members.js';
import { checkProbe } from './probe.js';
import { SIGNATURE_HEADER, signRequest } from './request-auth.js';
import { FEDERATION_PREFIX, type OutboxPage, type WireItem } from './wire.js';

/** A peer's refusal or an unreachable peer; `status` 0 when no answer came. */
export class PeerError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** What happened, as the peer's health shows it. */
    readonly state: FailureState = 'unreachable',
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

const TLS = /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/;

/** Says which of the ways a call can fail without an answer this one was. */
function unreached(peer: Peer, e: unknown): PeerError {
  const err = e as Error & { cause?: { code?: string; message?: string; errors?: { code?: string }[] } };
  // Both addresses of a dual-stack name refused: undici reports an AggregateError.
  const code = err.cause?.code ?? err.cause?.errors?.[0]?.code ?? (err as { code?: string }).code ?? '';
  const where = `${peer.nodeId} at ${peer.url}`;
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return new PeerError(0, `${where} did not answer in time`, 'timeout');
  if (code === 'ECONNREFUSED')
    return new PeerError(0, `${where} refused the connection: nothing listens there`, 'connection-refused');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new PeerError(0, `${where}: the host name is not found in DNS`, 'dns-failed');
  if (TLS.test(code)) return new PeerError(0, `${where}: the TLS handshake failed (${code})`, 'tls-failed');
  const why = [code, err.cause?.message ?? err.message].filter(Boolean).join(' ');
  return new PeerError(0, `${where} cannot be reached: ${why}`, 'unreachable');
}

/** The state a refusal by the peer puts the link in, from its status and error code. */
function refusedState(status: number, code: string | undefined): FailureState {
  if (status === 401) return 'refused-by-peer';
  if (status === 403 && code === 'ACCORD_FORBIDDEN') return 'not-in-force';
  return 'http-error';
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
  let text: string;
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
    text = await res.text();
  } catch (e) {
    throw unreached(peer, e);
  }
  if (!res.ok) {
    let message = text.slice(0, 300);
    let code: string | undefined;
    try {
      const err = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
      code = err?.code;
      message = `${code ? `${code}: ` : ''}${err?.message ?? message}`;
    } catch {}
    throw new PeerError(
      res.status,
      `${peer.nodeId} answered ${res.status} ${message}`,
      refusedState(res.status, code),
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new PeerError(res.status, `${peer.nodeId} answered with something that is not JSON`, 'bad-answer');
  }
  // What a peer sends passes the same door as any request body (docs/security.md, "Limits").
  const issue = checkJsonLimits(doc);
  if (issue) throw new PeerError(res.status, `${peer.nodeId} answered ${issue.path}: ${issue.message}`);
  return doc;
}

/**
 * Pushes items and returns what the peer's signed acknowledgement names, in the order sent
 * (possibly only the first few). Throws when the answer is not a valid acknowledgement.
 */
export async function pushItems(
  node: AccordNode,
  peer: Peer,
  items: WireItem[],
  o: ClientOptions = {},
): Promise<AckItem[]> {
  const body = JSON.stringify({ from_node: node.settings.nodeId, items });
  const answer = await call(node, peer, 'POST', '/inbox', body, o);
  const ack = await checkAck(answer, publicKeyOf(peer.publicKeyJwk), {
    from: peer.nodeId,
    to: node.settings.nodeId,
    body,
    sent: items,
  });
  if (!ack.ok)
    throw new PeerError(
      200,
      `${peer.nodeId}'s answer to a push is refused: ${ack.message}`,
      ack.why === 'signature-refused' ? 'bad-signature' : 'bad-answer',
    );
  return ack.items;
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
    throw new PeerError(
      200,
      `${peer.nodeId} answered with something that is not an outbox page`,
      'bad-answer',
    );
  return page;
}

/** The light check the service runs every few seconds: reachable, and answering with its key. */
export async function probePeer(node: AccordNode, peer: Peer, o: ClientOptions = {}): Promise<void> {
  const answer = await call(node, peer, 'GET', '/probe', '', {
    ...o,
    maxRetries: 0,
    timeoutMs: o.timeoutMs ?? 5000,
  });
  const why = await checkProbe(answer, publicKeyOf(peer.publicKeyJwk), {
    from: peer.nodeId,
    to: node.settings.nodeId,
  });
  if (why)
    throw new PeerError(200, `${peer.nodeId}'s answer to a probe is refused: ${why.message}`, why.state);
}

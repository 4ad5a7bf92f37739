import type { FastifyError, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { recordAudit } from '../../audit/log.js';
import { AccordError } from '../../errors.js';
import { withdrawnParties } from '../../exchange/admission.js';
import { partiesInForceOn, todayUtc } from '../../node/agreement-service.js';
import type { AccordNode } from '../../node/node.js';
import { parseJsonBody } from '../../stix/json-text.js';
import { confirmOffered, markOffered } from '../../store/peer-ledger.js';
import type { Peer } from '../../store/peers-repo.js';
import { readFederationSettings, recordRefusedRequest } from '../../store/peers-repo.js';
import { itemKey, signAck } from './ack.js';
import { auditDelivered } from './delivery.js';
import { FILE_ROUTE, serveFile } from './file-routes.js';
import { loadMembers } from './members.js';
import { outboxFor } from './outbox.js';
import { signProbe } from './probe.js';
import { receiveItems } from './receive.js';
import { claimedSender, SIGNATURE_HEADER, verifyRequest } from './request-auth.js';
import { type InboxAnswer, isNodeId, type OutboxPage, parseItems } from './wire.js';

const MAX_PAGE = 1000;

/** Why a peer request was refused, as the audit log and `accord peer list` name it. */
type RefusalReason = 'no-signature' | 'unknown-node' | 'bad-signature' | 'not-in-force' | 'malformed';

function refusal(
  code: 'ACCORD_UNAUTHENTICATED' | 'ACCORD_FORBIDDEN',
  reason: RefusalReason,
  message: string,
) {
  return new AccordError(code, message, { reason });
}

/**
 * The peer endpoints, under /federation/v1: `POST inbox` (a peer pushes), `GET outbox` (a peer
 * pulls), `GET probe` (a peer checks it can reach this node) and `GET library/…/files/…` (a
 * peer fetches a library file, file-routes.ts). All need a request signed by
 * a known member's key; a member whose Party is not in force today is answered 403 and given
 * nothing. Every refusal is audited with the identity claimed and the address it came from.
 */
export const federationPlugin: FastifyPluginAsync = async (app) => {
  const node = app.accord;

  // The signature covers the body's exact bytes, so the body is kept as text and parsed here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );

  app.addHook('onError', async (request, _reply, error) => {
    await auditRefusal(node, request, error).catch((e: Error) =>
      request.log.warn({ err: e.message }, 'auditing a refused peer request failed'),
    );
  });

  app.post('/inbox', { schema: { hide: true } }, async (request) => {
    const raw = typeof request.body === 'string' ? request.body : '';
    const peer = await authenticatePeer(node, request, raw, 'settling');
    const body = parseJsonBody(raw) as { from_node?: unknown; items?: unknown } | null;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new AccordError('ACCORD_BAD_REQUEST', 'the body must be {"from_node": ID, "items": [...]}');
    if (body.from_node !== peer.nodeId)
      throw new AccordError(
        'ACCORD_BAD_REQUEST',
        `from_node must be ${peer.nodeId}, the signer of the request`,
      );
    const parsed = parseItems(body.items);
    if (!parsed.ok) throw new AccordError('ACCORD_VALIDATION', parsed.message);
    const answer = await receiveItems(node, peer, parsed.items);
    const acknowledgement = await signAck(node.keys.privateKey, {
      from: node.settings.nodeId,
      to: peer.nodeId,
      body: raw,
      items: parsed.items.map((it, i) => {
        const r = answer.results[i]!;
        const reason = r.code ? `${r.code}: ${r.reason ?? ''}` : r.reason;
        return { ...itemKey(it), status: r.status, ...(reason ? { reason } : {}) };
      }),
    });
    const signed: InboxAnswer = { ...answer, acknowledgement };
    return signed;
  });

  app.get<{ Querystring: { after?: string; limit?: string } }>(
    '/outbox',
    { schema: { hide: true } },
    async (request) => {
      const peer = await authenticatePeer(node, request, '');
      const after = request.query.after ?? '0';
      const limitText = request.query.limit ?? '500';
      if (!/^\d{1,16}$/.test(after))
        throw new AccordError('ACCORD_VALIDATION', "'after' must be a cursor this outbox returned");
      if (!/^\d{1,4}$/.test(limitText) || Number(limitText) < 1)
        throw new AccordError('ACCORD_VALIDATION', `'limit' must be 1–${MAX_PAGE}`);
      const date = todayUtc();
      // Asking for what follows `after` says the peer holds what it was served up to there.
      const at = new Date().toISOString();
      const confirmed = await confirmOffered(node.store.db, peer.nodeId, Number(after), at);
      await auditDelivered(node, peer, 'pull', date, confirmed);
      const { hub } = await readFederationSettings(node.store.db);
      const r = await outboxFor(node, peer, {
        after: Number(after),
        limit: Math.min(MAX_PAGE, Number(limitText)),
        date,
        hub,
      });
      await markOffered(node.store.db, peer.nodeId, r.rows);
      const page: OutboxPage = { items: r.items, next: String(r.cursor), more: r.more };
      return page;
    },
  );

  app.get<{ Params: { id: string; file: string } }>(
    FILE_ROUTE,
    { schema: { hide: true } },
    async (request, reply) =>
      serveFile(node, await authenticatePeer(node, request, ''), request.params, reply),
  );

  app.get('/probe', { schema: { hide: true } }, async (request) => {
    const peer = await authenticatePeer(node, request, '');
    return {
      node_id: node.settings.nodeId,
      probe: await signProbe(node.keys.privateKey, { from: node.settings.nodeId, to: peer.nodeId }),
    };
  });
};

/**
 * The member that signed the request; 401 when none did, 403 when its Party is not in force
 * today. `settling`: a Party whose withdrawal took effect may still deliver (Article 17: it
 * settles what is open with it); what it may deliver is decided per item on receipt.
 */
async function authenticatePeer(
  node: AccordNode,
  request: FastifyRequest,
  body: string,
  mode: 'settling' | 'in-force' = 'in-force',
): Promise<Peer> {
  const header = request.headers[SIGNATURE_HEADER];
  const signed = Array.isArray(header) ? header[0] : header;
  const from = claimedSender(signed);
  if (!signed || !isNodeId(from))
    throw refusal(
      'ACCORD_UNAUTHENTICATED',
      'no-signature',
      `sign the request with your node key (${SIGNATURE_HEADER})`,
    );
  const member = (await loadMembers(node)).get(from);
  if (!member)
    throw refusal(
      'ACCORD_UNAUTHENTICATED',
      'unknown-node',
      `node ${from} is not a peer of ${node.settings.nodeId}`,
    );
  try {
    await verifyRequest(signed, member.key, {
      from,
      to: node.settings.nodeId,
      method: request.method,
      path: request.url,
      body,
    });
  } catch (e) {
    throw refusal('ACCORD_UNAUTHENTICATED', 'bad-signature', (e as Error).message);
  }
  const today = todayUtc();
  if (mode === 'settling' && (await withdrawnParties(node, today)).has(member.peer.party)) return member.peer;
  if (!(await partiesInForceOn(node, today)).has(member.peer.party)) {
    throw refusal(
      'ACCORD_FORBIDDEN',
      'not-in-force',
      `the Agreement is not in force for ${member.peer.party} on ${today}: nothing is exchanged with its nodes`,
    );
  }
  return member.peer;
}

/** Writes a refused peer request to the audit log and counts it against the node it claims to be. */
async function auditRefusal(node: AccordNode, request: FastifyRequest, error: FastifyError): Promise<void> {
  const status = (error as { status?: number }).status ?? error.statusCode ?? 500;
  if (status < 400 || status >= 500) return;
  const header = request.headers[SIGNATURE_HEADER];
  const claimed = claimedSender(Array.isArray(header) ? header[0] : header) ?? null;
  const detailsReason = (error as { details?: { reason?: unknown } }).details?.reason;
  const reason = typeof detailsReason === 'string' ? detailsReason : 'malformed';
  const known = claimed && isNodeId(claimed) ? (await loadMembers(node)).get(claimed)?.peer : undefined;
  const at = new Date().toISOString();
  await recordAudit(node, [
    {
      at,
      actor: {
        kind: 'node',
        id: claimed && isNodeId(claimed) ? claimed : 'unknown',
        ...(known ? { party: known.party } : {}),
      },
      action: 'federation.request-refused',
      details: {
        reason,
        status,
        message: error.message.slice(0, 500),
        claimed_node: claimed?.slice(0, 200) ?? null,
        address: request.ip,
        method: request.method,
        path: request.url.split('?')[0],
      },
    },
  ]);
  if (known) await recordRefusedRequest(node.store.db, known.nodeId, `${reason}: ${error.message}`, at);
}

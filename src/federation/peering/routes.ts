import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AccordError } from '../../errors.js';
import { withdrawnParties } from '../../exchange/admission.js';
import { parseJsonBody } from '../../json-text.js';
import { partiesInForceOn, todayUtc } from '../../node/agreement-service.js';
import type { AccordNode } from '../../node/node.js';
import type { Peer } from '../../store/peers-repo.js';
import { readFederationSettings } from '../../store/peers-repo.js';
import { loadMembers } from './members.js';
import { outboxFor } from './outbox.js';
import { receiveItems } from './receive.js';
import { claimedSender, SIGNATURE_HEADER, verifyRequest } from './request-auth.js';
import { isNodeId, type OutboxPage, parseItems } from './wire.js';

const MAX_PAGE = 1000;

/**
 * The peer endpoints, under /federation/v1: `POST inbox` (a peer pushes) and `GET outbox`
 * (a peer pulls). Both need a request signed by a known member's key; a member whose Party is
 * not in force today is answered 403 and given nothing.
 */
export const federationPlugin: FastifyPluginAsync = async (app) => {
  const node = app.accord;

  // The signature covers the body's exact bytes, so the body is kept as text and parsed here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );

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
    return receiveItems(node, peer, parsed.items);
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
      const { hub } = await readFederationSettings(node.store.db);
      const r = await outboxFor(node, peer, {
        after: Number(after),
        limit: Math.min(MAX_PAGE, Number(limitText)),
        date: todayUtc(),
        hub,
      });
      const page: OutboxPage = { items: r.items, next: String(r.cursor), more: r.more };
      return page;
    },
  );
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
    throw new AccordError(
      'ACCORD_UNAUTHENTICATED',
      `sign the request with your node key (${SIGNATURE_HEADER})`,
    );
  const member = (await loadMembers(node)).get(from);
  if (!member)
    throw new AccordError('ACCORD_UNAUTHENTICATED', `node ${from} is not a peer of ${node.settings.nodeId}`);
  await verifyRequest(signed, member.key, {
    from,
    to: node.settings.nodeId,
    method: request.method,
    path: request.url,
    body,
  });
  const today = todayUtc();
  if (mode === 'settling' && (await withdrawnParties(node, today)).has(member.peer.party)) return member.peer;
  if (!(await partiesInForceOn(node, today)).has(member.peer.party)) {
    throw new AccordError(
      'ACCORD_FORBIDDEN',
      `the Agreement is not in force for ${member.peer.party} on ${today}: nothing is exchanged with its nodes`,
    );
  }
  return member.peer;
}

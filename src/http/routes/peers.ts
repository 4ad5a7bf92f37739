import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AuditBody } from '../../audit/chain.js';
import { recordAudit } from '../../audit/log.js';
import { AccordError } from '../../errors.js';
import { exchangeJson, type PeerHealth } from '../../federation/peering/health.js';
import {
  type PeerKey,
  type PeerStatus,
  type PinInput,
  peerKeyOf,
  peerStatuses,
  pinPeer,
  unpinPeer,
} from '../../federation/peering/pinning.js';
import type { User } from '../../store/index.js';
import { PeerInfo, PeerList } from '../contract/admin.js';
import { userOf } from '../principal.js';
import { requireNodeAdmin } from '../roles.js';
import { errorResponses } from '../schemas.js';

function healthJson(h: PeerHealth) {
  switch (h.state) {
    case 'healthy':
      return { state: h.state, last_contact: h.lastContact, since: h.since };
    case 'failing':
      return {
        state: h.state,
        cause: h.cause,
        since: h.since,
        failures: h.failures,
        last_error: h.lastError,
        last_contact: h.lastContact,
      };
    case 'suspended':
      return { state: h.state, reason: h.reason };
    default:
      return { state: h.state };
  }
}

const peerJson = ({ peer: p, fingerprint, health }: PeerStatus) => ({
  node_id: p.nodeId,
  party: p.party,
  url: p.url,
  fingerprint,
  health: healthJson(health),
  added_at: p.addedAt,
  ...exchangeJson(p),
});

/** A refusal that names the member of the body at fault, as schema validation does. */
function invalid(path: string, message: string): AccordError {
  return new AccordError('ACCORD_VALIDATION', `${path} ${message}`, [{ path, message }]);
}

/** The body of POST /peers read as `accord peer add` reads its options. */
function pinInput(b: {
  key: Record<string, unknown>;
  url?: string;
  relay_only?: boolean;
  party?: string;
  node_id?: string;
}): PinInput {
  let key: PeerKey;
  try {
    key = peerKeyOf(b.key);
  } catch (e) {
    throw e instanceof AccordError ? invalid('$.key', e.message) : e;
  }
  const party = b.party ?? key.party;
  const nodeId = b.node_id ?? key.nodeId;
  if (!party) throw invalid('$.party', "is required: the key does not name the peer's Party");
  if (!nodeId) throw invalid('$.node_id', "is required: the key does not name the peer's node");
  if (key.party && key.party !== party)
    throw invalid('$.party', `is ${party}, but the key is of a ${key.party} node`);
  if ((b.relay_only === true) === (b.url !== undefined)) {
    throw invalid('$.url', 'or $.relay_only: true is required, not both');
  }
  return { party, nodeId, url: b.url ?? null, publicKeyJwk: key.jwk };
}

const NodeId = Type.String({ pattern: '^[A-Za-z0-9._:-]{1,128}$', description: "The peer's node_id" });

function audit(actor: User, action: string, nodeId: string, details?: unknown): AuditBody {
  return {
    at: new Date().toISOString(),
    actor: { kind: 'user', id: actor.name, party: actor.party },
    action,
    subject: { type: 'peer', id: nodeId },
    ...(details !== undefined ? { details } : {}),
  };
}

/**
 * The federation members this node knows, for its administrators: the same checks and answers
 * as `accord peer add|list|remove` (src/federation/peering/pinning.ts). A running node picks up
 * a peer added or removed here on its next pull round.
 */
export const peersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Trusting a peer's key is the node's Party's act, never that of another Party's administrator.
  app.addHook('preValidation', async (request) => {
    requireNodeAdmin(request, app.accord.settings.party);
  });

  app.get(
    '/peers',
    {
      schema: {
        summary: 'Peers with their health, last push and last pull (administrators)',
        tags: ['administration'],
        response: { 200: PeerList, ...errorResponses(403) },
      },
    },
    async () => ({ items: (await peerStatuses(app.accord)).map(peerJson) }),
  );

  app.post(
    '/peers',
    {
      schema: {
        summary: "Pin a peer's key: a node to exchange with (url), or one reached through a hub (relay_only)",
        description:
          "`key` is the peer's public key as its `accord init --json` printed it: the JWK, or the whole output (which also gives node_id and party). Compare the fingerprint in the answer with the peer's operator by another channel.",
        tags: ['administration'],
        body: Type.Object(
          {
            key: Type.Object(
              {},
              { additionalProperties: true, description: 'An Ed25519 public JWK, or init output' },
            ),
            url: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 2000 })),
            relay_only: Type.Optional(Type.Boolean()),
            party: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
            node_id: Type.Optional(NodeId),
          },
          { additionalProperties: false },
        ),
        response: { 201: PeerInfo, ...errorResponses(400, 403, 409) },
      },
    },
    async (request, reply) => {
      const peer = await pinPeer(app.accord, pinInput(request.body));
      const status = (await peerStatuses(app.accord)).find((s) => s.peer.nodeId === peer.nodeId)!;
      await recordAudit(app.accord, [
        audit(userOf(request), 'admin.peer.added', peer.nodeId, {
          party: peer.party,
          url: peer.url,
          fingerprint: status.fingerprint,
        }),
      ]);
      reply.status(201);
      return peerJson(status);
    },
  );

  app.delete(
    '/peers/:id',
    {
      schema: {
        summary: 'Forget a peer and its pinned key; what came from it stays (administrators)',
        tags: ['administration'],
        params: Type.Object({ id: NodeId }),
        response: { 204: Type.Null(), ...errorResponses(400, 403, 404) },
      },
    },
    async (request, reply) => {
      await unpinPeer(app.accord, request.params.id);
      await recordAudit(app.accord, [audit(userOf(request), 'admin.peer.removed', request.params.id)]);
      return reply.status(204).send(null);
    },
  );
};

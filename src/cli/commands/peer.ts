import { existsSync, readFileSync } from 'node:fs';
import {
  describeHealth,
  exchangeJson,
  keyFingerprint,
  totalsWords,
} from '../../federation/peering/health.js';
import {
  type PeerKey,
  peerKeyOf,
  peerStatuses,
  pinPeer,
  unpinPeer,
} from '../../federation/peering/pinning.js';
import { isNodeId } from '../../federation/peering/wire.js';
import { parseJsonBody } from '../../stix/json-text.js';
import { type Command, print, UsageError } from '../command.js';
import { stringOption, withNode } from '../node-context.js';

/**
 * KEY is the peer's public key as its `accord init --json` printed it: the JWK itself, the whole
 * init output (which also names the node and its Party), or a file holding either.
 */
function readKey(arg: string): PeerKey {
  const text = arg.trim().startsWith('{') ? arg : existsSync(arg) ? readFileSync(arg, 'utf8') : undefined;
  if (text === undefined) throw new UsageError(`--key '${arg}' is neither a JWK nor a file`);
  return peerKeyOf(
    parseJsonBody(text, arg.trim().startsWith('{') ? '--key' : arg) as Record<string, unknown>,
  );
}

export const peerAdd: Command = {
  name: 'peer add',
  usage: 'accord peer add --key KEY|FILE (--url URL | --relay-only) [--party CODE] [--node-id ID]',
  options: {
    url: { type: 'string' },
    party: { type: 'string' },
    key: { type: 'string' },
    'node-id': { type: 'string' },
    'relay-only': { type: 'boolean' },
  },
  async run(ctx) {
    const keyArg = stringOption(ctx, 'key');
    if (!keyArg)
      throw new UsageError("--key is required: the peer's public_key from its 'accord init --json'");
    const key = readKey(keyArg);
    const party = (stringOption(ctx, 'party') ?? key.party)?.toUpperCase();
    const nodeId = stringOption(ctx, 'node-id') ?? key.nodeId;
    if (!party || !/^[A-Z]{2}$/.test(party)) throw new UsageError('--party CODE (two letters) is required');
    if (!nodeId || !isNodeId(nodeId)) throw new UsageError("--node-id is required (the peer's node_id)");
    if (key.party && key.party !== party)
      throw new UsageError(`the key file is of a ${key.party} node, not ${party}`);
    const relayOnly = ctx.values['relay-only'] === true;
    const url = stringOption(ctx, 'url');
    if (relayOnly === (url !== undefined)) throw new UsageError('give either --url URL or --relay-only');
    if (url !== undefined && !/^https?:\/\/[^\s]+$/.test(url))
      throw new UsageError(`--url '${url}' is not an http(s) URL`);
    const peer = await withNode(ctx, (node) =>
      pinPeer(node, { party, nodeId, url: url ?? null, publicKeyJwk: key.jwk }),
    );
    print(
      ctx,
      {
        node_id: peer.nodeId,
        party: peer.party,
        url: peer.url,
        fingerprint: keyFingerprint(peer.publicKeyJwk),
      },
      () =>
        `Pinned ${peer.nodeId} (${peer.party}) key ${keyFingerprint(peer.publicKeyJwk)}${peer.url ? ` at ${peer.url}` : ', reached through a hub'}`,
    );
    return 0;
  },
};

export const peerList: Command = {
  name: 'peer list',
  usage: 'accord peer list [--json]',
  async run(ctx) {
    const rows = await withNode(ctx, async (node) =>
      (await peerStatuses(node)).map(({ peer: p, fingerprint, health }) => ({
        node_id: p.nodeId,
        party: p.party,
        url: p.url,
        fingerprint,
        health,
        ...exchangeJson(p),
        words: { health: describeHealth(health), ...totalsWords(p.totals) },
      })),
    );
    print(ctx, rows, () =>
      rows.length === 0
        ? "No peers: add one with 'accord peer add'"
        : rows
            .map((r) =>
              [
                `${r.node_id}  ${r.party}  ${r.url ?? '(through a hub)'}  ${r.words.health}`,
                `    key ${r.fingerprint}  last push ${r.last_push_at ?? 'never'}  last pull ${r.last_pull_at ?? 'never'}`,
                `    sent: ${r.words.sent}; received: ${r.words.received}`,
                ...(r.refused_requests > 0
                  ? [
                      `    ${r.refused_requests} requests from it refused, last at ${r.last_refused_at}: ${r.last_refused_reason}`,
                    ]
                  : []),
              ].join('\n'),
            )
            .join('\n'),
    );
    return 0;
  },
};

export const peerRemove: Command = {
  name: 'peer remove',
  usage: 'accord peer remove NODE_ID',
  async run(ctx) {
    const [nodeId, ...extra] = ctx.positionals;
    if (!nodeId || extra.length > 0) throw new UsageError('give exactly one NODE_ID');
    await withNode(ctx, (node) => unpinPeer(node, nodeId));
    print(ctx, { node_id: nodeId, removed: true }, () => `Removed ${nodeId}`);
    return 0;
  },
};

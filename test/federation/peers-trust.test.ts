import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { signAck } from '../../src/federation/peering/ack.js';
import { type PeerError, pushItems } from '../../src/federation/peering/peer-client.js';
import { pinPeer } from '../../src/federation/peering/pinning.js';
import type { WireItem } from '../../src/federation/peering/wire.js';
import type { AccordNode } from '../../src/node/node.js';
import { signCanonical } from '../../src/node/signing.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { canonicalJson } from '../../src/stix/canonical.js';
import { listAudit } from '../../src/store/index.js';
import { addPeer, getPeer } from '../../src/store/peers-repo.js';
import { BACKENDS } from '../helpers/stores.js';
import {
  create,
  eventually,
  type Federation,
  peerAll,
  startFederation,
  versionsOn,
} from './federation-helpers.js';
import { indicator, indicatorId } from './taxii-helpers.js';

const green = (n: number) => indicator(n, { object_marking_refs: [TLP2_IDS.green] });

function ed25519(): { privateKey: KeyObject; jwk: Record<string, unknown> } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, jwk: publicKey.export({ format: 'jwk' }) as Record<string, unknown> };
}

/** A real HTTP server on loopback answering every request with what `answer` makes of its body. */
async function fakePeer(
  answer: (body: string) => Promise<unknown>,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      void answer(body).then((json) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function disclosedTo(node: AccordNode, peerNode: string): Promise<string[]> {
  const entries = await listAudit(node.store.db, { action: 'disclosure', limit: 10_000 });
  return entries
    .map((e) => e.details as { peer_node?: string; objects: { id: string; version: string }[] })
    .filter((d) => d.peer_node === peerNode)
    .flatMap((d) => d.objects.map((o) => `${o.id}@${o.version}`));
}

for (const backend of BACKENDS) {
  describe(`federation an operator can trust (${backend.name})`, () => {
    let fed: Federation;
    const servers: Server[] = [];
    before(async () => {
      fed = await startFederation(['KZ', 'BY', 'TJ'], { backend });
      await peerAll(fed, {
        pairs: [
          ['KZ', 'BY'],
          ['BY', 'KZ'],
        ],
      });
    });
    after(async () => {
      for (const s of servers) s.close();
      await fed.dispose();
    });

    it('a peer answering 200 with anything but a signed acknowledgement moves no cursor and is failing', async () => {
      const kz = fed.get('KZ');
      const hello = await fakePeer(async () => ({ hello: 'world' }));
      // Answers shaped as acknowledgements, but signed by a key other than the one pinned.
      const other = ed25519();
      const impostor = await fakePeer(async (body) => {
        const items = (JSON.parse(body || '{"items":[]}') as { items: WireItem[] }).items ?? [];
        return {
          acknowledgement: await signAck(other.privateKey, {
            from: 'accord-impostor',
            to: 'accord-kz',
            body,
            items: items.map((it) => ({
              kind: it.kind,
              id: it.kind === 'version' ? String(it.object.id) : it.id,
              modified: it.kind === 'version' ? String(it.object.modified) : it.modified,
              status: 'stored' as const,
            })),
          }),
          probe: 'x',
        };
      });
      servers.push(hello.server, impostor.server);
      await addPeer(kz.node.store.db, {
        party: 'BY',
        nodeId: 'accord-hello',
        url: hello.url,
        publicKeyJwk: ed25519().jwk,
      });
      await addPeer(kz.node.store.db, {
        party: 'TJ',
        nodeId: 'accord-impostor',
        url: impostor.url,
        publicKeyJwk: ed25519().jwk,
      });
      await create(kz, [green(1), green(2)]);
      await kz.startService({ probeIntervalMs: 200 });
      try {
        for (const [id, cause] of [
          ['accord-hello', 'bad-answer'],
          ['accord-impostor', 'bad-signature'],
        ] as const) {
          await eventually(async () => {
            const p = await getPeer(kz.node.store.db, id);
            return (p?.failures ?? 0) >= 2 && p?.healthState === cause;
          }, `${id} failing with ${cause}`);
        }
        // Meanwhile the real peer got both.
        await eventually(
          async () => (await versionsOn(fed.get('BY'), indicatorId(2))).length === 1,
          'BY has it',
        );
      } finally {
        await kz.stopServing();
        await kz.serveAgain();
      }
      for (const id of ['accord-hello', 'accord-impostor']) {
        const p = (await getPeer(kz.node.store.db, id))!;
        assert.equal(p.pushCursor, 0, `${id}'s cursor has not moved`);
        assert.equal(p.lastPushAt, null);
        assert.deepEqual(await disclosedTo(kz.node, id), [], `nothing audited as disclosed to ${id}`);
      }
      assert.equal((await disclosedTo(kz.node, 'accord-by')).length, 2);
    });

    it('a request with the wrong key or from an unknown node is refused, audited and counted', async () => {
      const kz = fed.get('KZ');
      const by = fed.get('BY');
      const byAsSeenByKz = (await getPeer(kz.node.store.db, 'accord-by'))!;
      const item: WireItem = {
        kind: 'version',
        object: green(5),
        originator: 'KZ',
        origin_node: 'accord-kz',
        signature: await signCanonical(kz.node.keys.privateKey, 'accord-kz', canonicalJson(green(5))),
      };
      const wrongKey = {
        ...kz.node,
        keys: { ...kz.node.keys, privateKey: ed25519().privateKey },
      } as AccordNode;
      await assert.rejects(
        pushItems(wrongKey, byAsSeenByKz, [item]),
        (e: PeerError) => e.status === 401 && e.state === 'refused-by-peer',
      );
      const stranger = {
        ...wrongKey,
        settings: { ...kz.node.settings, nodeId: 'accord-stranger' },
      } as AccordNode;
      await assert.rejects(pushItems(stranger, byAsSeenByKz, [item]), (e: PeerError) => e.status === 401);

      const refused = (
        await listAudit(by.node.store.db, { action: 'federation.request-refused', limit: 100 })
      ).map((e) => e.details as { reason: string; claimed_node: string; address: string; path: string });
      assert.deepEqual(
        refused.map((d) => [d.reason, d.claimed_node, d.path]),
        [
          ['bad-signature', 'accord-kz', '/federation/v1/inbox'],
          ['unknown-node', 'accord-stranger', '/federation/v1/inbox'],
        ],
      );
      assert.ok(refused.every((d) => d.address === '127.0.0.1'));
      const kzOnBy = (await getPeer(by.node.store.db, 'accord-kz'))!;
      assert.equal(kzOnBy.refusedRequests, 1);
      assert.match(kzOnBy.lastRefusedReason ?? '', /^bad-signature/);
      assert.equal((await versionsOn(by, indicatorId(5))).length, 0);
    });

    it('a relayed object refused before its origin key was pinned is imported once the key is', async () => {
      const kz = fed.get('KZ');
      const by = fed.get('BY');
      const tj = fed.get('TJ');
      // TJ's object as a hub (KZ) relays it: TJ's own signature, handed over by KZ.
      const object = green(7);
      const relayed: WireItem = {
        kind: 'version',
        object,
        originator: 'TJ',
        origin_node: 'accord-tj',
        signature: await signCanonical(tj.node.keys.privateKey, 'accord-tj', canonicalJson(object)),
      };
      const answer = await pushItems(kz.node, (await getPeer(kz.node.store.db, 'accord-by'))!, [relayed]);
      assert.equal(answer[0]?.status, 'refused');
      assert.match(answer[0]?.reason ?? '', /^unknown-node/);
      assert.equal((await versionsOn(by, indicatorId(7))).length, 0);
      const cursorBefore = (await getPeer(by.node.store.db, 'accord-kz'))!.pullCursor;

      await pinPeer(by.node, {
        party: 'TJ',
        nodeId: 'accord-tj',
        url: null,
        publicKeyJwk: tj.node.keys.publicJwk,
      });
      const held = await versionsOn(by, indicatorId(7));
      assert.equal(held.length, 1);
      assert.equal(held[0]?.party, 'TJ');
      assert.equal(held[0]?.sourceNode, 'accord-tj');
      assert.equal(
        (await getPeer(by.node.store.db, 'accord-kz'))!.pullCursor,
        cursorBefore,
        'no cursor reset',
      );
      // Refused once, in the audit log; not again when it was tried after the pin.
      const refusals = (
        await listAudit(by.node.store.db, { action: 'federation.refused', limit: 100 })
      ).filter((e) => (e.subject as { id?: string } | undefined)?.id === indicatorId(7));
      assert.equal(refusals.length, 1);
    });
  });
}

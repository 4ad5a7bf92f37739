import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pushItems } from '../../src/federation/peering/peer-client.js';
import { SIGNATURE_HEADER, signRequest } from '../../src/federation/peering/request-auth.js';
import type { WireItem } from '../../src/federation/peering/wire.js';
import { signCanonical } from '../../src/node/signing.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { canonicalJson } from '../../src/stix/canonical.js';
import { countObjects, listAudit } from '../../src/store/index.js';
import { getPeer } from '../../src/store/peers-repo.js';
import { type Federation, type FedNode, peerAll, startFederation, versionsOn } from './federation-helpers.js';
import { indicator, indicatorId } from './taxii-helpers.js';

const green = (n: number, over: Record<string, unknown> = {}) =>
  indicator(n, { object_marking_refs: [TLP2_IDS.green], ...over });

async function signedItem(f: { node: FedNode }, object: Record<string, unknown>): Promise<WireItem> {
  const n = f.node.node;
  return {
    kind: 'version',
    object,
    originator: n.settings.party,
    origin_node: n.settings.nodeId,
    signature: await signCanonical(n.keys.privateKey, n.settings.nodeId, canonicalJson(object)),
  };
}

describe('federation: signatures, replays and refusals', () => {
  let fed: Federation;
  before(async () => {
    fed = await startFederation(['BY', 'KZ']);
    await peerAll(fed);
  });
  after(async () => fed.dispose());

  const refusals = async () =>
    (await listAudit(fed.get('BY').node.store.db, { action: 'federation.refused', limit: 100 })).map(
      (e) => e.details as { reason: string },
    );

  it('a tampered object is refused and audited; its good neighbours are stored', async () => {
    const kz = fed.get('KZ');
    const by = (await getPeer(kz.node.store.db, 'accord-by'))!;
    const good = await signedItem({ node: kz }, green(10));
    const bad = await signedItem({ node: kz }, green(11));
    (bad as { object: Record<string, unknown> }).object = { ...green(11), name: 'altered on the way' };
    const answer = await pushItems(kz.node, by, [good, bad]);
    assert.deepEqual(
      answer.map((r) => r.status),
      ['stored', 'refused'],
    );
    assert.equal((await versionsOn(fed.get('BY'), indicatorId(10))).length, 1);
    assert.equal((await versionsOn(fed.get('BY'), indicatorId(11))).length, 0);
    assert.ok((await refusals()).some((d) => d.reason === 'bad-signature'));
  });

  it('a version signed by an unknown node, or claimed for another Party, is refused and audited', async () => {
    const kz = fed.get('KZ');
    const by = (await getPeer(kz.node.store.db, 'accord-by'))!;
    const stranger = { ...(await signedItem({ node: kz }, green(12))), origin_node: 'accord-xx' };
    const wrongParty = { ...(await signedItem({ node: kz }, green(13))), originator: 'TJ' };
    const answer = await pushItems(kz.node, by, [stranger, wrongParty]);
    assert.deepEqual(
      answer.map((r) => r.status),
      ['refused', 'refused'],
    );
    const reasons = (await refusals()).map((d) => d.reason);
    assert.ok(reasons.includes('unknown-node'));
    assert.ok(reasons.includes('originator-mismatch'));
  });

  it('different content under a known (id, modified) is refused', async () => {
    const kz = fed.get('KZ');
    const by = (await getPeer(kz.node.store.db, 'accord-by'))!;
    // Correctly signed by KZ, but a second text for a version BY already holds.
    const twin = await signedItem({ node: kz }, green(10, { name: 'same version, other text' }));
    const answer = await pushItems(kz.node, by, [twin]);
    assert.equal(answer[0]?.status, 'refused');
    assert.ok((await refusals()).some((d) => d.reason === 'different-content'));
    assert.equal((await versionsOn(fed.get('BY'), indicatorId(10)))[0]?.json.includes('altered'), false);
  });

  it('a replayed inbox request changes nothing', async () => {
    const kz = fed.get('KZ');
    const byUrl = fed.get('BY').url;
    const body = JSON.stringify({
      from_node: 'accord-kz',
      items: [await signedItem({ node: kz }, green(20))],
    });
    const path = '/federation/v1/inbox';
    const header = await signRequest(kz.node.keys.privateKey, {
      from: 'accord-kz',
      to: 'accord-by',
      method: 'POST',
      path,
      body,
    });
    const send = () =>
      fetch(`${byUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: header },
        body,
      });
    const first = (await (await send()).json()) as { results: { status: string }[] };
    const before = await countObjects(fed.get('BY').node.store.db);
    const again = await send();
    assert.equal(again.status, 200);
    const second = (await again.json()) as { results: { status: string }[] };
    assert.equal(first.results[0]?.status, 'stored');
    assert.equal(second.results[0]?.status, 'unchanged');
    assert.equal(await countObjects(fed.get('BY').node.store.db), before);
  });

  it('an unsigned, stale or altered request is answered 401', async () => {
    const kz = fed.get('KZ');
    const byUrl = fed.get('BY').url;
    const path = '/federation/v1/inbox';
    const body = JSON.stringify({ from_node: 'accord-kz', items: [] });
    const unsigned = await fetch(`${byUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    assert.equal(unsigned.status, 401);
    const stale = await signRequest(kz.node.keys.privateKey, {
      from: 'accord-kz',
      to: 'accord-by',
      method: 'POST',
      path,
      body,
      now: Date.now() - 3_600_000,
    });
    const r1 = await fetch(`${byUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: stale },
      body,
    });
    assert.equal(r1.status, 401);
    const fresh = await signRequest(kz.node.keys.privateKey, {
      from: 'accord-kz',
      to: 'accord-by',
      method: 'POST',
      path,
      body,
    });
    const r2 = await fetch(`${byUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: fresh },
      body: body.replace('[]', '[ ]'),
    });
    assert.equal(r2.status, 401);
  });
});

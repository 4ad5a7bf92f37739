import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pushItems } from '../../src/federation/peering/peer-client.js';
import { releasabilityMarking, TLP2_IDS } from '../../src/policy/index.js';
import { listAudit } from '../../src/store/index.js';
import { getPeer, removePeer } from '../../src/store/peers-repo.js';
import {
  create,
  eventually,
  type Federation,
  peerAll,
  setHub,
  startFederation,
  versionsOn,
} from './federation-helpers.js';
import { indicator, indicatorId } from './taxii-helpers.js';

// KZ is the hub; BY and TJ talk to KZ only and pin each other's keys to verify what it relays.
describe('federation: hub mode', () => {
  let fed: Federation;
  before(async () => {
    fed = await startFederation(['BY', 'KZ', 'TJ', 'KG']);
    await peerAll(fed, {
      pairs: [
        ['BY', 'KZ'],
        ['KZ', 'BY'],
        ['TJ', 'KZ'],
        ['KZ', 'TJ'],
        ['KG', 'KZ'],
        ['KZ', 'KG'],
      ],
      relayOnly: [
        ['TJ', 'BY'],
        ['BY', 'TJ'],
        ['KG', 'BY'],
      ],
    });
    await setHub(fed.get('KZ'), true);
    for (const f of fed.nodes.values()) await f.startService();
  });
  after(async () => fed.dispose());

  it('relays what a Party made to the Parties not peered with it, under its original signature', async () => {
    await create(fed.get('BY'), [indicator(1, { object_marking_refs: [TLP2_IDS.green] })]);
    await eventually(
      async () => (await versionsOn(fed.get('TJ'), indicatorId(1))).length === 1,
      'relayed to TJ',
    );
    const onTj = (await versionsOn(fed.get('TJ'), indicatorId(1)))[0]!;
    const onBy = (await versionsOn(fed.get('BY'), indicatorId(1)))[0]!;
    assert.equal(onTj.party, 'BY');
    assert.equal(onTj.sourceNode, 'accord-by');
    assert.equal(onTj.signature, onBy.signature);
    assert.equal(onTj.contentHash, onBy.contentHash);
  });

  it('forwards to each only what the policy allows it', async () => {
    const rel = releasabilityMarking(['KZ', 'TJ']);
    const red = indicator(2, { object_marking_refs: [TLP2_IDS.red, rel.id] });
    await create(fed.get('BY'), [rel, red]);
    await eventually(
      async () => (await versionsOn(fed.get('TJ'), indicatorId(2))).length === 1,
      'RED relayed to TJ',
    );
    await create(fed.get('BY'), [indicator(3, { object_marking_refs: [TLP2_IDS.green] })]);
    await eventually(
      async () => (await versionsOn(fed.get('KG'), indicatorId(3))).length === 1,
      'GREEN relayed to KG',
    );
    assert.equal((await versionsOn(fed.get('KG'), indicatorId(2))).length, 0, 'KG is not named');
  });

  it('cannot alter what it relays, nor relay for a node the receiver does not know', async () => {
    const kz = fed.get('KZ');
    const tj = (await getPeer(kz.node.store.db, 'accord-tj'))!;
    const held = (await versionsOn(kz, indicatorId(1)))[0]!;
    const object = { ...JSON.parse(held.json), name: 'edited by the hub' };
    const forged = {
      kind: 'version' as const,
      object,
      originator: 'BY',
      origin_node: 'accord-by',
      signature: held.signature!,
    };
    const answer = await pushItems(kz.node, tj, [forged]);
    assert.equal(answer[0]?.status, 'refused');
    const audit = await listAudit(fed.get('TJ').node.store.db, { action: 'federation.refused', limit: 10 });
    assert.equal((audit[0]?.details as { reason?: string } | undefined)?.reason, 'bad-signature');
    // Once KG forgets BY's key, what the hub relays from BY is refused there as from an unknown node.
    await removePeer(fed.get('KG').node.store.db, 'accord-by');
    const kg = (await getPeer(kz.node.store.db, 'accord-kg'))!;
    const other = { ...forged, object: { ...JSON.parse(held.json), modified: '2024-06-01T00:00:00.000Z' } };
    const toKg = await pushItems(kz.node, kg, [other]);
    assert.equal(toKg[0]?.status, 'refused');
    assert.match(toKg[0]?.reason ?? '', /not a known member/);
  });
});

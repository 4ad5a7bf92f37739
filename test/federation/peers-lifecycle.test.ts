import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pushToPeer } from '../../src/federation/peering/exchange.js';
import { pullPage, pushItems } from '../../src/federation/peering/peer-client.js';
import { recordEvent } from '../../src/node/agreement-service.js';
import { signCanonical } from '../../src/node/signing.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { canonicalJson } from '../../src/stix/canonical.js';
import { addUser, createToken, getVersions } from '../../src/store/index.js';
import { getPeer } from '../../src/store/peers-repo.js';
import {
  create,
  eventually,
  type Federation,
  peerAll,
  startFederation,
  versionsOn,
} from './federation-helpers.js';
import { ALL, indicator, indicatorId, taxiiHeaders } from './taxii-helpers.js';

const green = (n: number, over: Record<string, unknown> = {}) =>
  indicator(n, { object_marking_refs: [TLP2_IDS.green], ...over });

describe('federation: outages, new versions, revocations, deletions, withdrawal', () => {
  let fed: Federation;
  before(async () => {
    fed = await startFederation(['BY', 'KZ', 'KG', 'TJ']);
    await peerAll(fed);
    for (const f of fed.nodes.values()) await f.startService();
  });
  after(async () => fed.dispose());

  it('a peer stopped while objects are made receives every version exactly once when it returns', async () => {
    const kz = fed.get('KZ');
    const tj = fed.get('TJ');
    await tj.stopServing();
    await create(kz, [green(1), green(2), green(3)]);
    await create(kz, [green(1, { modified: '2024-02-01T00:00:00.000Z', name: 'C2 1, second version' })]);
    await create(kz, [green(2, { modified: '2024-02-01T00:00:00.000Z', revoked: true })]);
    await eventually(
      async () => (await versionsOn(fed.get('BY'), indicatorId(2))).length === 2,
      'BY up to date',
    );
    assert.equal((await versionsOn(tj, indicatorId(1))).length, 0);

    await tj.serveAgain();
    await tj.startService();
    await eventually(async () => (await versionsOn(tj, indicatorId(2))).length === 2, 'TJ catches up');
    assert.equal((await versionsOn(tj, indicatorId(1))).length, 2);
    assert.equal((await versionsOn(tj, indicatorId(3))).length, 1);
    // KZ's link comes out of its backoff and finds nothing left to deliver but what TJ has.
    await eventually(
      async () => (await getPeer(kz.node.store.db, 'accord-tj'))?.failures === 0,
      "KZ's link to TJ healthy again",
    );
    await kz.service?.syncOnce();
    for (const id of [1, 2, 3].map(indicatorId)) {
      const on = await getVersions(tj.node.store.db, id);
      assert.equal(new Set(on.map((v) => v.modified)).size, on.length, `no version of ${id} twice`);
    }
  });

  it('a revocation is revoked everywhere', async () => {
    for (const p of ['BY', 'KG', 'TJ']) {
      const latest = (await versionsOn(fed.get(p), indicatorId(2))).find((v) => v.latest);
      assert.equal(latest?.revoked, true, p);
    }
  });

  it('a deletion by the originator propagates, and a late copy does not bring the version back', async () => {
    const kz = fed.get('KZ');
    const user = await addUser(kz.node.store.db, { party: 'KZ', name: 'deleter', role: 'analyst' });
    const token = (await createToken(kz.node.store.db, user, 't')).token;
    const r = await kz.app.inject({
      method: 'DELETE',
      url: `${ALL}/objects/${indicatorId(3)}/`,
      headers: taxiiHeaders(token),
    });
    assert.equal(r.statusCode, 200);
    for (const p of ['BY', 'KG', 'TJ'])
      await eventually(
        async () => (await versionsOn(fed.get(p), indicatorId(3))).length === 0,
        `deleted on ${p}`,
      );
    // The old version arrives again, as from a stale relay: TJ keeps it deleted.
    const tj = fed.get('TJ');
    const copy = {
      kind: 'version' as const,
      object: green(3),
      originator: 'KZ',
      origin_node: 'accord-kz',
      signature: await signCanonical(kz.node.keys.privateKey, 'accord-kz', canonicalJson(green(3))),
    };
    const answer = await pushItems(kz.node, (await getPeer(kz.node.store.db, 'accord-tj'))!, [copy]);
    assert.equal(answer[0]?.status, 'unchanged');
    assert.equal((await versionsOn(tj, indicatorId(3))).length, 0);
    const page = await pullPage(tj.node, (await getPeer(tj.node.store.db, 'accord-kz'))!, 0, 1000);
    assert.ok(!page.items.some((i) => i.kind === 'version' && i.object.id === indicatorId(3)));
    assert.ok(page.items.some((i) => i.kind === 'deletion' && i.id === indicatorId(3)));
  });

  it('a Party whose withdrawal takes effect is cut off from that day', async () => {
    const kz = fed.get('KZ');
    const kg = fed.get('KG');
    // Notice received on 2024-01-10: the withdrawal takes effect six months later, on 2024-07-10.
    const withdrawal = {
      kind: 'withdrawal-notified',
      party: 'KG',
      date: '2024-01-10',
      source: 'test',
    } as const;
    for (const f of fed.nodes.values()) await recordEvent(f.node, withdrawal, 'test');
    await kz.service?.stop();
    await create(kz, [green(40)]);
    const dayBefore = await pushToPeer(kz.node, 'accord-kg', { today: '2024-07-09', hub: false });
    assert.equal(dayBefore.kind, 'done');
    assert.equal((await versionsOn(kg, indicatorId(40))).length, 1, 'the day before, KG is still a Party');
    await create(kz, [green(42)]);
    const onTheDay = await pushToPeer(kz.node, 'accord-kg', { today: '2024-07-10', hub: false });
    assert.equal(onTheDay.kind, 'suspended');
    assert.equal((await versionsOn(kg, indicatorId(42))).length, 0);

    // Today KG is withdrawn: KZ sends it nothing and answers its requests 403.
    await create(kz, [green(41)]);
    await kz.startService();
    await eventually(
      async () => (await versionsOn(fed.get('TJ'), indicatorId(41))).length === 1,
      'TJ gets it',
    );
    assert.equal((await versionsOn(kg, indicatorId(41))).length, 0);
    const kzAsSeenByKg = (await getPeer(kg.node.store.db, 'accord-kz'))!;
    await assert.rejects(
      pullPage(kg.node, kzAsSeenByKg, 0, 10),
      (e: Error & { status?: number }) => e.status === 403,
    );
  });
});

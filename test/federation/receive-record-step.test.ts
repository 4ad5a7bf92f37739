import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { listNotifications, sendNotification, view } from '../../src/exchange/notification-service.js';
import { materializeReceived } from '../../src/exchange/received.js';
import { ctxOf } from '../../src/exchange/records.js';
import { createRequest, getRequest, move } from '../../src/exchange/request-service.js';
import { responseIdOf } from '../../src/exchange/request-stix.js';
import { pullFromPeer, pushToPeer } from '../../src/federation/peering/exchange.js';
import { todayUtc } from '../../src/node/agreement-service.js';
import type { AccordNode } from '../../src/node/node.js';
import { listEvents } from '../../src/store/exchange-repo.js';
import { addUser, getVersions } from '../../src/store/index.js';
import { getPeer } from '../../src/store/peers-repo.js';
import { BACKENDS } from '../helpers/stores.js';
import { type Federation, peerAll, startFederation } from './federation-helpers.js';

// Storing a received object and making its record are two steps. When the second fails, the
// receipt is not acknowledged, and the next push or pull makes the record from the held copy.
// The failure is a real one: the table the history goes to is out of reach for a while.
async function historyOffline(node: AccordNode, off: boolean): Promise<void> {
  const [from, to] = off
    ? ['exchange_events', 'exchange_events_off']
    : ['exchange_events_off', 'exchange_events'];
  await sql`ALTER TABLE ${sql.table(from)} RENAME TO ${sql.table(to)}`.execute(node.store.db.kysely);
}

for (const backend of BACKENDS) {
  describe(`federation: a received record whose making failed is made later, on ${backend.name}`, () => {
    let fed: Federation;
    before(async () => {
      fed = await startFederation(['BY', 'KZ'], { backend });
      await peerAll(fed);
    });
    after(async () => fed.dispose());

    const userOn = async (party: string) =>
      ctxOf(
        await addUser(fed.get(party).node.store.db, {
          party,
          name: `duty-${party.toLowerCase()}-${Date.now()}`,
          role: 'analyst',
        }),
      );
    const inbox = async (node: AccordNode, party: string) =>
      (await listNotifications(node, await userOn(party), { box: 'inbox' }, 50)).items.map((n) => n.id);

    const send = async (summary: string) =>
      sendNotification(fed.get('KZ').node, await userOn('KZ'), {
        kind: 'incident',
        severity: 'high',
        summary,
        recipients: ['BY'],
      });

    it('a push whose record step failed is not acknowledged, and the next push makes the record once', async () => {
      const kz = fed.get('KZ').node;
      const by = fed.get('BY').node;
      const sent = await send('Push: wiper on the energy grid');
      const today = todayUtc();
      const cursorBefore = (await getPeer(kz.store.db, 'accord-by'))!.pushCursor;

      await historyOffline(by, true);
      await assert.rejects(pushToPeer(kz, 'accord-by', { today, hub: false }), /send them again/);
      await historyOffline(by, false);
      assert.ok((await getVersions(by.store.db, sent.id)).length > 0, 'the object itself is stored on BY');
      assert.ok(!(await inbox(by, 'BY')).includes(sent.id), 'but no notification is in BY’s inbox');
      assert.equal(
        (await getPeer(kz.store.db, 'accord-by'))!.pushCursor,
        cursorBefore,
        'KZ took nothing as delivered',
      );

      const again = await pushToPeer(kz, 'accord-by', { today, hub: false });
      assert.equal(again.kind, 'done');
      assert.ok((await inbox(by, 'BY')).includes(sent.id), 'the retry made the notification');
      const seen = await view(by, await userOn('BY'), sent.id);
      assert.deepEqual(
        seen.deliveries.map((d) => d.party),
        ['BY'],
      );
      const received = (await listEvents(by.store.db, sent.id)).filter((e) => e.action === 'received');
      assert.equal(received.length, 1, 'one “received” entry in its history');
    });

    it('a pull whose record step failed leaves the cursor, and the next pull makes the record', async () => {
      const kz = fed.get('KZ').node;
      const by = fed.get('BY').node;
      const sent = await send('Pull: exfiltration through DNS');
      const today = todayUtc();
      const cursorBefore = (await getPeer(by.store.db, 'accord-kz'))!.pullCursor;

      await historyOffline(by, true);
      await assert.rejects(pullFromPeer(by, 'accord-kz', { today, hub: false }), /send them again/);
      await historyOffline(by, false);
      assert.ok(!(await inbox(by, 'BY')).includes(sent.id));
      assert.equal(
        (await getPeer(by.store.db, 'accord-kz'))!.pullCursor,
        cursorBefore,
        'the pull cursor stays',
      );

      await pullFromPeer(by, 'accord-kz', { today, hub: false });
      assert.ok((await inbox(by, 'BY')).includes(sent.id), 'the next pull made the notification');
      const received = (await listEvents(by.store.db, sent.id)).filter((e) => e.action === 'received');
      assert.equal(received.length, 1);
      void kz;
    });

    it('a request whose history could not be written gets it, once, on the next push', async () => {
      const kz = fed.get('KZ').node;
      const by = fed.get('BY').node;
      const today = todayUtc();
      const made = await createRequest(kz, await userOn('KZ'), {
        kind: 'assistance',
        addressee: 'BY',
        summary: 'Sinkhole the phishing domain',
        purpose: 'stop-infrastructure',
        indicators: ['phish.example'],
        send: true,
      });
      await historyOffline(by, true);
      await assert.rejects(pushToPeer(kz, 'accord-by', { today, hub: false }), /send them again/);
      await historyOffline(by, false);
      await pushToPeer(kz, 'accord-by', { today, hub: false });
      await pushToPeer(kz, 'accord-by', { today, hub: false, cursor: 0, persist: false });
      const seen = await getRequest(by, await userOn('BY'), made.id);
      assert.equal(seen.state, 'sent');
      assert.equal(seen.history.filter((h) => h.action === 'send').length, 1);
    });

    it('making the records of held objects again adds no second delivery or history entry', async () => {
      const by = fed.get('BY').node;
      const [id] = await inbox(by, 'BY');
      assert.ok(id);
      const object = JSON.parse((await getVersions(by.store.db, id))[0]!.json) as Record<string, unknown>;
      const before = await listEvents(by.store.db, id);
      const deliveries = (await view(by, await userOn('BY'), id)).deliveries;
      await materializeReceived(by, [object]);
      await materializeReceived(by, [object]);
      assert.deepEqual(await listEvents(by.store.db, id), before);
      assert.deepEqual((await view(by, await userOn('BY'), id)).deliveries, deliveries);
      assert.equal((await inbox(by, 'BY')).filter((x) => x === id).length, 1);
    });

    it('an addressee’s answers taken up again move the request nothing back and repeat no history', async () => {
      const kz = fed.get('KZ').node;
      const by = fed.get('BY').node;
      const today = todayUtc();
      const kzUser = await userOn('KZ');
      const byUser = await userOn('BY');
      const made = await createRequest(kz, kzUser, {
        kind: 'assistance',
        addressee: 'BY',
        summary: 'Stop the C2 server in your network',
        purpose: 'stop-infrastructure',
        indicators: ['203.0.113.77'],
        send: true,
      });
      await pushToPeer(kz, 'accord-by', { today, hub: false });
      await move(by, byUser, made.id, 'receive', {});
      await pushToPeer(by, 'accord-kz', { today, hub: false });
      const early = (await getVersions(kz.store.db, responseIdOf(made.id)))
        .map((v) => JSON.parse(v.json) as Record<string, unknown>)
        .at(-1);
      await move(by, byUser, made.id, 'start', {});
      await pushToPeer(by, 'accord-kz', { today, hub: false });
      const working = await getRequest(kz, kzUser, made.id);
      assert.notEqual(working.state, 'sent');

      const latest = (await getVersions(kz.store.db, responseIdOf(made.id)))
        .map((v) => JSON.parse(v.json) as Record<string, unknown>)
        .sort((a, b) => String(a.modified).localeCompare(String(b.modified)))
        .at(-1);
      assert.ok(latest && early && latest.modified !== early.modified);
      await materializeReceived(kz, [latest, early]);
      await materializeReceived(kz, [latest]);
      const again = await getRequest(kz, kzUser, made.id);
      assert.equal(again.state, working.state);
      assert.equal(again.history.length, working.history.length);
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  acknowledge,
  listNotifications,
  sendNotification,
  view,
} from '../../src/exchange/notification-service.js';
import { ctxOf } from '../../src/exchange/records.js';
import { createRequest, getRequest, move } from '../../src/exchange/request-service.js';
import { addUser } from '../../src/store/index.js';
import { BACKENDS } from '../helpers/stores.js';
import { eventually, type Federation, peerAll, startFederation } from './federation-helpers.js';

// A notification is worked on each Party's own node: made on the sender's, received into the
// recipients' inboxes on theirs, acknowledged there, and the acknowledgement seen by the sender.
for (const backend of BACKENDS) {
  describe(`federation: a notification across national nodes on ${backend.name}`, () => {
    let fed: Federation;
    before(async () => {
      fed = await startFederation(['BY', 'KZ', 'KG'], { backend });
      await peerAll(fed);
      for (const f of fed.nodes.values()) await f.startService();
    });
    after(async () => fed.dispose());

    const userOn = (party: string) =>
      addUser(fed.get(party).node.store.db, {
        party,
        name: `duty-${party.toLowerCase()}-${Date.now()}`,
        role: 'analyst',
      });

    it('reaches the named recipient’s inbox, is acknowledged there, and the sender sees it', async () => {
      const kz = ctxOf(await userOn('KZ'));
      const sent = await sendNotification(fed.get('KZ').node, kz, {
        kind: 'incident',
        severity: 'high',
        summary: 'Phishing wave against ministries',
        recipients: ['BY'],
      });

      const by = ctxOf(await userOn('BY'));
      const byNode = fed.get('BY').node;
      await eventually(
        async () =>
          (await listNotifications(byNode, by, { box: 'inbox' }, 50)).items.some((n) => n.id === sent.id),
        'the notification in BY’s inbox on BY’s node',
      );
      const kg = ctxOf(await userOn('KG'));
      const kgInbox = await listNotifications(fed.get('KG').node, kg, { box: 'inbox' }, 50);
      assert.ok(!kgInbox.items.some((n) => n.id === sent.id), 'KG was not named');

      const acked = await acknowledge(byNode, by, sent.id);
      assert.ok(acked.deliveries.find((d) => d.party === 'BY')?.acknowledgedAt);

      await eventually(async () => {
        const v = await view(fed.get('KZ').node, kz, sent.id);
        return Boolean(v.deliveries.find((d) => d.party === 'BY')?.acknowledgedAt);
      }, 'BY’s acknowledgement on KZ’s node');
      const seen = await view(fed.get('KZ').node, kz, sent.id);
      assert.match(String(seen.deliveries.find((d) => d.party === 'BY')?.acknowledgedBy), /^duty-by-/);
    });

    it('a request is answered on the addressee’s node and the answer reaches the requester’s', async () => {
      const kz = ctxOf(await userOn('KZ'));
      const made = await createRequest(fed.get('KZ').node, kz, {
        kind: 'assistance',
        addressee: 'KG',
        summary: 'Stop the C2 server in your network',
        purpose: 'stop-infrastructure',
        indicators: ['203.0.113.77'],
        send: true,
      });
      const kg = ctxOf(await userOn('KG'));
      const kgNode = fed.get('KG').node;
      await eventually(async () => {
        try {
          return (await getRequest(kgNode, kg, made.id)).state === 'sent';
        } catch {
          return false;
        }
      }, 'the request on KG’s node');
      const seen = await getRequest(kgNode, kg, made.id);
      assert.deepEqual(seen.indicators, ['203.0.113.77']);
      assert.deepEqual(seen.allowedMoves.includes('receive'), true);

      await move(kgNode, kg, made.id, 'receive', {});
      await move(kgNode, kg, made.id, 'start', {});
      await move(kgNode, kg, made.id, 'answer', { answer: 'The server was taken offline at 14:20.' });

      await eventually(
        async () => (await getRequest(fed.get('KZ').node, kz, made.id)).state === 'answered',
        'the answer on KZ’s node',
      );
      const answered = await getRequest(fed.get('KZ').node, kz, made.id);
      assert.equal(answered.response?.answer, 'The server was taken offline at 14:20.');
      assert.ok(
        answered.history.some(
          (h) => h.action === 'answered' || h.action === 'answer' || h.details?.to === 'answered',
        ),
      );
    });
  });
}

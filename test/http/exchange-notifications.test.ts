import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

for (const backend of BACKENDS) {
  describe(`notifications over REST on ${backend.name}`, () => {
    let t: TestNode;
    const tok: Record<string, string> = {};
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      for (const p of ['KZ', 'BY', 'KG', 'TJ', 'RU']) tok[p] = await t.tokenFor(p);
    });
    after(() => t.dispose());

    const call = (method: 'GET' | 'POST', url: string, party: string, payload?: object) =>
      t.app.inject({ method, url, headers: bearer(tok[party]!), ...(payload ? { payload } : {}) });

    test('a notification to all Parties is acknowledged by each; the sender sees who and when', async () => {
      const sent = await call('POST', '/api/v1/notifications', 'KZ', {
        kind: 'incident',
        severity: 'high',
        summary: 'DDoS on a government portal',
      });
      assert.equal(sent.statusCode, 201, sent.body);
      const n = sent.json();
      assert.deepEqual(n.delivered_to, ['BY', 'KG', 'TJ'], 'RU is not in force today: not a recipient');
      for (const p of ['BY', 'KG', 'TJ']) {
        const inbox = await call('GET', '/api/v1/notifications?box=inbox', p);
        assert.ok(
          inbox.json().items.some((i: { id: string }) => i.id === n.id),
          `${p} inbox`,
        );
        const ack = await call('POST', `/api/v1/notifications/${n.id}/ack`, p);
        assert.equal(ack.statusCode, 200, ack.body);
      }
      const again = await call('POST', `/api/v1/notifications/${n.id}/ack`, 'BY');
      assert.equal(again.statusCode, 409);
      const seen = (await call('GET', `/api/v1/notifications/${n.id}`, 'KZ')).json();
      assert.equal(seen.deliveries.length, 3);
      for (const d of seen.deliveries) {
        assert.ok(d.acknowledged_at, `${d.party} acknowledged_at`);
        assert.match(d.acknowledged_by, new RegExp(`-${d.party.toLowerCase()}$`));
      }
      assert.equal(seen.overdue, false);
      const ru = await call('GET', `/api/v1/notifications/${n.id}`, 'RU');
      assert.equal(ru.statusCode, 404, 'a third party does not see it');
    });

    test('a notification to named Parties reaches them only, and its STIX object is released to them', async () => {
      const sent = await call('POST', '/api/v1/notifications', 'KZ', {
        kind: 'threat',
        severity: 'low',
        summary: 'Phishing wave',
        recipients: ['BY'],
      });
      const n = sent.json();
      assert.equal((await call('GET', `/api/v1/notifications/${n.id}`, 'BY')).statusCode, 200);
      assert.equal((await call('GET', `/api/v1/notifications/${n.id}`, 'KG')).statusCode, 404);
      assert.equal((await call('GET', `/api/v1/objects/${n.id}`, 'KG')).statusCode, 404);
      const obj = (await call('GET', `/api/v1/objects/${n.id}`, 'BY')).json();
      assert.equal(obj.object.type, 'x-accord-notification');
      assert.equal(obj.meta.signed, true);
    });

    test('past its deadline unacknowledged, a notification shows as overdue and is escalated', async () => {
      const sent = await call('POST', '/api/v1/notifications', 'KZ', {
        kind: 'threat',
        severity: 'critical',
        summary: 'Ransomware',
        deadline: '2020-01-01T00:00:00Z',
      });
      const n = sent.json();
      await call('POST', `/api/v1/notifications/${n.id}/ack`, 'BY');
      const seen = (await call('GET', `/api/v1/notifications/${n.id}`, 'KZ')).json();
      assert.equal(seen.overdue, true);
      assert.ok(seen.escalated_at);
      assert.deepEqual(
        seen.deliveries.filter((d: { overdue: boolean }) => d.overdue).map((d: { party: string }) => d.party),
        ['KG', 'TJ'],
      );
      const list = (await call('GET', '/api/v1/notifications?box=sent&overdue=true', 'KZ')).json();
      assert.deepEqual(
        list.items.map((i: { id: string }) => i.id),
        [n.id],
      );
      const by = (await call('GET', `/api/v1/notifications/${n.id}`, 'BY')).json();
      assert.equal(by.overdue, false, 'BY acknowledged in time for itself');
    });

    test('lists are paged', async () => {
      const first = (await call('GET', '/api/v1/notifications?box=sent&limit=1', 'KZ')).json();
      assert.equal(first.items.length, 1);
      const second = (
        await call('GET', `/api/v1/notifications?box=sent&limit=1&cursor=${first.next}`, 'KZ')
      ).json();
      assert.equal(second.items.length, 1);
      assert.notEqual(second.items[0].id, first.items[0].id);
    });
  });
}

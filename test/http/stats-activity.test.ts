import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

const today = new Date().toISOString().slice(0, 10);

for (const backend of BACKENDS) {
  describe(`activity counts for the Overview on ${backend.name}`, () => {
    let t: TestNode;
    const tok: Record<string, string> = {};
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      for (const p of ['KZ', 'BY', 'KG']) tok[p] = await t.tokenFor(p, 'liaison');
      const all = await call('POST', '/api/v1/notifications', 'KZ', {
        kind: 'incident',
        severity: 'high',
        summary: 'to everyone',
      });
      assert.equal(all.statusCode, 201, all.body);
      assert.equal((await call('POST', `/api/v1/notifications/${all.json().id}/ack`, 'BY')).statusCode, 200);
      const only = await call('POST', '/api/v1/notifications', 'KZ', {
        kind: 'threat',
        severity: 'critical',
        summary: 'to BY alone',
        recipients: ['BY'],
      });
      assert.equal(only.statusCode, 201, only.body);
      const r = await call('POST', '/api/v1/requests', 'KZ', {
        kind: 'information',
        addressee: 'BY',
        summary: 'Who holds 203.0.113.7',
        legal_basis: 'Article 7',
        case_reference: 'KZ-2026-1',
        send: true,
      });
      assert.equal(r.statusCode, 201, r.body);
      const id = r.json().id;
      for (const [m, body] of [
        ['receive', undefined],
        ['start', undefined],
        ['answer', { answer: 'A hosting firm' }],
      ] as const) {
        const moved = await call('POST', `/api/v1/requests/${id}/${m}`, 'BY', body);
        assert.equal(moved.statusCode, 200, moved.body);
      }
    });
    after(() => t.dispose());

    const call = (method: 'GET' | 'POST', url: string, party: string, payload?: object) =>
      t.app.inject({ method, url, headers: bearer(tok[party]!), ...(payload ? { payload } : {}) });
    const stats = async (party: string, q = '') => {
      const r = await call('GET', `/api/v1/stats/activity${q}`, party);
      assert.equal(r.statusCode, 200, r.body);
      return r.json();
    };

    test('the sender counts both notifications, BY’s acknowledgement and BY’s answer in time', async () => {
      const s = await stats('KZ');
      assert.equal(s.to, today);
      assert.equal(s.complete, true);
      const sev = Object.fromEntries(
        s.notifications.map((n: { severity: string; count: number }) => [n.severity, n.count]),
      );
      assert.deepEqual(sev, { critical: 1, high: 1 });
      assert.deepEqual(s.requests, [{ state: 'answered', party: 'BY', count: 1 }]);
      const by = s.timeliness.find((x: { party: string }) => x.party === 'BY');
      assert.equal(by.delivered, 2);
      assert.equal(by.acknowledged, 1);
      assert.equal(by.acknowledged_in_time, 1);
      assert.equal(by.answered, 1);
      assert.equal(by.answered_in_time, 1);
      assert.equal(typeof by.median_answer_hours, 'number');
      const kzToday = s.objects.filter(
        (o: { day: string; party: string }) => o.day === today && o.party === 'KZ',
      );
      assert.ok(kzToday.some((o: { type: string }) => o.type === 'x-accord-notification'));
    });

    test('KG counts only what it may see: no BY-only notification, no request between others, no BY deliveries', async () => {
      const s = await stats('KG');
      assert.deepEqual(
        s.notifications.map((n: { severity: string }) => n.severity),
        ['high'],
      );
      assert.deepEqual(s.requests, []);
      assert.equal(
        s.timeliness.some((x: { party: string }) => x.party === 'BY'),
        false,
        'a recipient sees its own delivery only',
      );
      const notes = s.objects
        .filter((o: { type: string }) => o.type === 'x-accord-notification')
        .reduce((a: number, o: { count: number }) => a + o.count, 0);
      assert.equal(notes, 1);
    });

    test('a period before anything happened counts nothing', async () => {
      const s = await stats('KZ', '?from=2020-01-01&to=2020-01-31');
      assert.deepEqual([s.objects, s.notifications, s.requests], [[], [], []]);
    });

    test('a reversed, too long or malformed period is a 400 naming the parameter', async () => {
      for (const q of [
        '?from=2024-02-01&to=2024-01-01',
        '?from=2020-01-01&to=2024-01-01',
        '?from=yesterday',
      ]) {
        const r = await call('GET', `/api/v1/stats/activity${q}`, 'KZ');
        assert.equal(r.statusCode, 400, q);
        assert.equal(r.json().error.code, 'ACCORD_VALIDATION');
        assert.match(JSON.stringify(r.json().error), /from/);
      }
    });
  });
}

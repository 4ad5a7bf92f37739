import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { recordAndAnnounce } from '../../src/exchange/depositary-service.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

// Over REST, on a node that follows no depositary (its own records count): once KG's withdrawal
// has taken effect, a new request or case to KG is a 409 with a catalogue code, and what is
// still open with KG is listed, for the node's own Party only.
for (const backend of BACKENDS) {
  describe(`REST after a withdrawal (${backend.name})`, () => {
    let t: TestNode;
    let kz: string;
    let open: string;
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      kz = await t.tokenFor('KZ', 'liaison');
      const made = await t.app.inject({
        method: 'POST',
        url: '/api/v1/requests',
        headers: bearer(kz),
        payload: {
          kind: 'information',
          addressee: 'KG',
          summary: 'Subscriber of 203.0.113.7',
          legal_basis: 'Article 7',
          case_reference: 'KZ-1',
          send: true,
        },
      });
      assert.equal(made.statusCode, 201, made.body);
      open = made.json().id;
      await recordAndAnnounce(
        t.node,
        { kind: 'withdrawal-notified', date: '2026-01-12', party: 'KG', source: 'note' },
        'test',
      );
    });
    after(() => t.dispose());

    test('a new request or case to KG: 409 ACCORD_PARTY_WITHDRAWN saying from when', async () => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/requests',
        headers: bearer(kz),
        payload: {
          kind: 'information',
          addressee: 'KG',
          summary: 'x',
          legal_basis: 'y',
          case_reference: 'z',
        },
      });
      assert.equal(r.statusCode, 409, r.body);
      const err = r.json().error;
      assert.equal(err.code, 'ACCORD_PARTY_WITHDRAWN');
      assert.equal(err.details.effective_on, '2026-07-12');
      const c = await t.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: bearer(kz),
        payload: { title: 'x', participants: ['KG', 'BY'] },
      });
      assert.equal(c.statusCode, 409, c.body);
      assert.equal(c.json().error.code, 'ACCORD_PARTY_WITHDRAWN');
    });

    test('obligations list the open request; bad input is a 400, another Party’s user a 403', async () => {
      const r = await t.app.inject({ url: '/api/v1/agreement/obligations/kg', headers: bearer(kz) });
      assert.equal(r.statusCode, 200, r.body);
      const o = r.json();
      assert.equal(o.status.state, 'withdrawn');
      assert.deepEqual(
        o.owes.requests.map((x: { id: string }) => x.id),
        [open],
      );
      assert.equal(o.settled, false);
      const bad = await t.app.inject({ url: '/api/v1/agreement/obligations/KGZ', headers: bearer(kz) });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'ACCORD_VALIDATION');
      const by = await t.tokenFor('BY');
      const other = await t.app.inject({ url: '/api/v1/agreement/obligations/KG', headers: bearer(by) });
      assert.equal(other.statusCode, 403);
    });

    test('GET /agreement labels the event as counted here: this node follows no depositary', async () => {
      const r = await t.app.inject({ url: '/api/v1/agreement', headers: bearer(kz) });
      const body = r.json();
      assert.equal(body.depositary_node, null);
      assert.deepEqual(
        body.recorded.map((x: { origin: string; counted: boolean }) => [x.origin, x.counted]),
        [['local', true]],
      );
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

for (const backend of BACKENDS) {
  describe(`requests, criteria and statistics over REST on ${backend.name}`, () => {
    let t: TestNode;
    const tok: Record<string, string> = {};
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      for (const p of ['KZ', 'BY', 'KG']) tok[p] = await t.tokenFor(p, 'liaison');
    });
    after(() => t.dispose());

    const call = (method: 'GET' | 'POST' | 'PUT', url: string, party: string, payload?: object) =>
      t.app.inject({ method, url, headers: bearer(tok[party]!), ...(payload ? { payload } : {}) });

    const information = {
      kind: 'information',
      addressee: 'BY',
      summary: 'Subscriber data of 203.0.113.7',
      legal_basis: 'Article 7 of the Agreement; Criminal Procedure Code of KZ, art. 199',
      case_reference: 'KZ-2024-0042',
    };

    test('an information request moves through its states; an illegal move is a 409 with the reason', async () => {
      const r = (await call('POST', '/api/v1/requests', 'KZ', information)).json();
      assert.equal(r.state, 'draft');
      assert.equal(
        (await call('GET', `/api/v1/requests/${r.id}`, 'BY')).statusCode,
        404,
        'a draft is the requester’s',
      );
      assert.equal((await call('POST', `/api/v1/requests/${r.id}/send`, 'KZ')).json().state, 'sent');
      const early = await call('POST', `/api/v1/requests/${r.id}/answer`, 'BY', { answer: 'x' });
      assert.equal(early.statusCode, 409);
      assert.equal(early.json().error.code, 'ACCORD_CONFLICT');
      assert.match(early.json().error.message, /cannot answer a request that is sent/);
      assert.deepEqual(early.json().error.details.allowed, ['receive']);
      const wrong = await call('POST', `/api/v1/requests/${r.id}/withdraw`, 'BY');
      assert.equal(wrong.statusCode, 403);
      assert.equal((await call('POST', `/api/v1/requests/${r.id}/receive`, 'BY')).json().state, 'received');
      assert.equal((await call('POST', `/api/v1/requests/${r.id}/start`, 'BY')).json().state, 'in-progress');
      const answered = (
        await call('POST', `/api/v1/requests/${r.id}/answer`, 'BY', { answer: 'The subscriber is …' })
      ).json();
      assert.equal(answered.state, 'answered');
      assert.deepEqual(
        answered.history.map((h: { action: string }) => h.action),
        ['created', 'send', 'receive', 'start', 'answer'],
      );
      const closed = await call('POST', `/api/v1/requests/${r.id}/withdraw`, 'KZ');
      assert.equal(closed.statusCode, 409);
      assert.equal((await call('GET', `/api/v1/requests/${r.id}`, 'KG')).statusCode, 404);
    });

    test('requests due within three days and past their deadline are listed apart', async () => {
      const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
      const soon = (
        await call('POST', '/api/v1/requests', 'KZ', { ...information, deadline: inDays(2), send: true })
      ).json();
      const later = (
        await call('POST', '/api/v1/requests', 'KZ', { ...information, deadline: inDays(10), send: true })
      ).json();
      assert.equal(soon.due_soon, true);
      assert.equal(later.due_soon, false);
      const ids = async (q: string) =>
        (await call('GET', `/api/v1/requests?box=inbox&${q}`, 'BY'))
          .json()
          .items.map((i: { id: string }) => i.id);
      assert.ok((await ids('due_soon=true')).includes(soon.id));
      assert.ok(!(await ids('due_soon=true')).includes(later.id));
      assert.ok(!(await ids('overdue=true')).includes(soon.id));
      const bad = await call('GET', '/api/v1/requests?due_soon=maybe', 'BY');
      assert.equal(bad.statusCode, 400);
    });

    test('a decline carries its ground; without one it is refused', async () => {
      const r = (await call('POST', '/api/v1/requests', 'KZ', { ...information, send: true })).json();
      assert.equal(r.state, 'sent');
      await call('POST', `/api/v1/requests/${r.id}/receive`, 'BY');
      assert.equal((await call('POST', `/api/v1/requests/${r.id}/decline`, 'BY')).statusCode, 400);
      const d = (
        await call('POST', `/api/v1/requests/${r.id}/decline`, 'BY', {
          ground: 'Law of BY on personal data, art. 8',
        })
      ).json();
      assert.equal(d.state, 'declined');
      const seen = (await call('GET', `/api/v1/requests/${r.id}`, 'KZ')).json();
      assert.equal(seen.response.ground, 'Law of BY on personal data, art. 8');
    });

    test('a blocking request cites criteria and updates the statistics', async () => {
      const c = await call('POST', '/api/v1/criteria', 'KZ', {
        code: 'C-001',
        title_en: 'Distribution of malware',
        title_ru: 'Распространение вредоносных программ',
        description_en: 'The resource distributes malicious software.',
        description_ru: 'Ресурс распространяет вредоносное программное обеспечение.',
        legal_reference: 'Law of KZ on informatization, art. 41-1',
      });
      assert.equal(c.statusCode, 201, c.body);
      const crit = c.json();
      const ref = await call('PUT', `/api/v1/criteria/${crit.id}/legal-reference`, 'BY', {
        reference: 'Law of BY on information, art. 51-1',
      });
      assert.equal(ref.statusCode, 200, ref.body);
      assert.deepEqual(
        ref.json().legal_references.map((l: { party: string }) => l.party),
        ['BY', 'KZ'],
      );

      const bad = await call('POST', '/api/v1/requests', 'KZ', {
        kind: 'blocking',
        addressee: 'BY',
        summary: 'x',
      });
      assert.equal(bad.statusCode, 400);
      const r = (
        await call('POST', '/api/v1/requests', 'KZ', {
          kind: 'blocking',
          addressee: 'BY',
          summary: 'Malware distribution sites',
          resources: [
            { value: 'http://bad.example.by/payload.exe', type: 'url' },
            { value: 'evil.by', type: 'domain' },
          ],
          criteria: [crit.id],
          evidence: 'Sandbox report 2024-117',
          send: true,
        })
      ).json();
      const month = new Date().toISOString().slice(0, 7);
      const stats0 = (await call('GET', `/api/v1/criteria/statistics?criterion=${crit.id}`, 'KZ')).json();
      assert.deepEqual(stats0.items, [
        { criterion: crit.id, party: 'BY', month, requested: 2, blocked: 0, refused: 0 },
      ]);
      await call('POST', `/api/v1/requests/${r.id}/receive`, 'BY');
      await call('POST', `/api/v1/requests/${r.id}/start`, 'BY');
      const done = await call('POST', `/api/v1/requests/${r.id}/partly-answer`, 'BY', {
        blocked: [{ value: 'evil.by' }],
        refused: [{ value: 'http://bad.example.by/payload.exe', reason: 'already removed by the host' }],
      });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().state, 'partly-answered');
      const stats = (await call('GET', `/api/v1/criteria/statistics?party=BY&month=${month}`, 'BY')).json();
      assert.deepEqual(stats.items, [
        { criterion: crit.id, party: 'BY', month, requested: 2, blocked: 1, refused: 1 },
      ]);
      assert.deepEqual((await call('GET', '/api/v1/criteria/statistics', 'KG')).json().items, []);
    });
  });
}

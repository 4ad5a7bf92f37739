import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { AlertSender } from '../../src/exchange/alerts/alert-sender.js';
import type { SmtpSettings } from '../../src/exchange/alerts/smtp-settings.js';
import { buildApp } from '../../src/http/app.js';
import { addUser, createToken, listAlertDeliveries, queueAlertDelivery } from '../../src/store/index.js';
import { mailbox, read } from '../helpers/mailbox.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

// An address is only written to once its owner has shown it is theirs: the code sent to it
// comes back. A new address is unconfirmed again, and mail to the old one stops.
for (const backend of BACKENDS) {
  describe(`a user's e-mail address, confirmed (${backend.name})`, () => {
    let t: TestNode;
    let app: FastifyInstance;
    let box: Awaited<ReturnType<typeof mailbox>>;
    let smtp: SmtpSettings;
    let token = '';
    before(async () => {
      t = await startTestNode(backend, 'TJ');
      box = await mailbox();
      smtp = box.smtp('accord@cert.tj');
      app = await buildApp(t.node, { smtp, webRoot: false, publicUrl: 'https://accord.cert.tj' });
      const db = t.node.store.db;
      token = (await createToken(db, await addUser(db, { party: 'TJ', name: 'duty', role: 'analyst' }), 't'))
        .token;
    });
    after(async () => {
      await app.close();
      await new Promise<void>((r) => box.server.close(() => r()));
      await t.dispose();
    });
    const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
      app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
    const subscribe = (email: string) =>
      call('POST', '/api/v1/alerts/subscriptions', { events: ['critical-notification'], email });
    const codeIn = (raw: string) => /Confirmation code: (\S+)/.exec(read(raw).text)?.[1] ?? '';

    test('no address yet: none shown, and no e-mail subscription', async () => {
      const r = await call('GET', '/api/v1/me/email');
      assert.deepEqual(r.json(), {
        email: null,
        confirmed: false,
        confirmed_at: null,
        code_expires_at: null,
      });
      const s = await subscribe('duty@cert.tj');
      assert.equal(s.statusCode, 400, s.body);
      assert.equal(s.json().error.details[0].path, '$body.email');
    });

    test('giving an address mails a code to it; a wrong code is refused, the right one confirms', async () => {
      const bad = await call('PUT', '/api/v1/me/email', { email: 'Duty <duty@cert.tj>' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.details[0].path, '$body.email');
      assert.equal(box.mails.length, 0);

      const r = await call('PUT', '/api/v1/me/email', { email: 'duty@cert.tj' });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().email, 'duty@cert.tj');
      assert.equal(r.json().confirmed, false);
      assert.ok(r.json().code_expires_at);
      assert.equal(box.mails.length, 1);
      const mail = box.mails[0]!;
      assert.deepEqual(mail.to, ['duty@cert.tj']);
      assert.equal(read(mail.raw).subject, '[Accord TJ] Confirm your address for alerts');
      const code = codeIn(mail.raw);
      assert.match(code, /^[A-Za-z0-9_-]{11}$/);
      assert.ok(read(mail.raw).text.includes(`https://accord.cert.tj/alerts?email-code=${code}`));

      assert.equal((await subscribe('duty@cert.tj')).statusCode, 400, 'not confirmed yet');
      const wrong = await call('POST', '/api/v1/me/email/confirm', { code: 'AAAAAAAAAAA' });
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.json().error.details[0].path, '$body.code');
      const ok = await call('POST', '/api/v1/me/email/confirm', { code });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().confirmed, true);
      assert.equal((await call('GET', '/api/v1/me/email')).json().confirmed, true);
    });

    test('alerts go to the confirmed address only; another address is refused', async () => {
      assert.equal((await subscribe('someone-else@cert.tj')).statusCode, 400);
      assert.equal((await subscribe('duty@cert.tj')).statusCode, 201);
    });

    test('a new address is unconfirmed, and mail to the old one stops', async () => {
      const subs = (await call('GET', '/api/v1/alerts/subscriptions')).json().items;
      const sub = subs.find((s: { email?: string }) => s.email === 'duty@cert.tj');
      const r = await call('PUT', '/api/v1/me/email', { email: 'new-duty@cert.tj' });
      assert.equal(r.json().confirmed, false);
      assert.equal(box.mails.at(-1)!.to[0], 'new-duty@cert.tj');
      const sent = box.mails.length;
      const now = new Date().toISOString();
      await queueAlertDelivery(t.node.store.db, {
        id: 'delivery-after-change',
        party: 'TJ',
        subscription_id: sub.id,
        event: 'critical-notification',
        object_id: 'x-accord-notification--00000000-0000-4000-8000-000000000001',
        dedupe_key: 'once',
        body: JSON.stringify({
          event: 'critical-notification',
          text: 'a test',
          node: 'n',
          party: 'TJ',
          at: now,
        }),
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        last_status: null,
        last_error: null,
        created_at: now,
        delivered_at: null,
      });
      const sender = new AlertSender(t.node, { smtp });
      await sender.sendDue();
      await sender.stop();
      assert.equal(box.mails.length, sent, 'nothing mailed to the old address');
      const [d] = await listAlertDeliveries(t.node.store.db, 'TJ', { limit: 10 });
      assert.equal(d!.status, 'failed');
      assert.match(String(d!.last_error), /not the confirmed address of duty/);
    });

    test('a node without SMTP says it cannot confirm an address (503), and changes nothing', async () => {
      const plain = await buildApp(t.node, { webRoot: false });
      try {
        const r = await plain.inject({
          method: 'PUT',
          url: '/api/v1/me/email',
          headers: bearer(token),
          payload: { email: 'other@cert.tj' },
        });
        assert.equal(r.statusCode, 503, r.body);
        assert.equal(r.json().error.code, 'ACCORD_UNAVAILABLE');
        assert.equal((await call('GET', '/api/v1/me/email')).json().email, 'new-duty@cert.tj');
      } finally {
        await plain.close();
      }
    });
  });
}

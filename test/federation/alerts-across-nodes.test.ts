import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { AlertSender } from '../../src/exchange/alerts/alert-sender.js';
import { verifyWebhook } from '../../src/exchange/alerts/webhook-signature.js';
import { sendNotification } from '../../src/exchange/notification-service.js';
import { ctxOf } from '../../src/exchange/records.js';
import { createRequest } from '../../src/exchange/request-service.js';
import { addUser, createToken, listAudit } from '../../src/store/index.js';
import { bearer } from '../helpers/node.js';
import { eventually, type Federation, peerAll, startFederation } from './federation-helpers.js';

interface Call {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

/** A webhook receiver that fails its first call, to see the retry. */
async function receiver(): Promise<{ server: Server; url: string; calls: Call[] }> {
  const calls: Call[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answered = calls.length === 0 ? 503 : 204;
      calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/hooks/accord`, calls };
}

describe('alerts: a critical notification on one node reaches a webhook on the recipient’s', () => {
  let fed: Federation;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let sender: AlertSender;
  let analyst: string;
  let admin: string;
  before(async () => {
    fed = await startFederation(['KZ', 'BY']);
    await peerAll(fed);
    for (const f of fed.nodes.values()) await f.startService();
    hook = await receiver();
    const db = fed.get('BY').node.store.db;
    analyst = (
      await createToken(db, await addUser(db, { party: 'BY', name: 'duty-by', role: 'analyst' }), 't')
    ).token;
    admin = (await createToken(db, await addUser(db, { party: 'BY', name: 'admin-by', role: 'admin' }), 't'))
      .token;
    sender = new AlertSender(fed.get('BY').node, { pollMs: 50, baseBackoffMs: 200 });
    sender.start();
  });
  after(async () => {
    await sender.stop();
    hook.server.close();
    await fed.dispose();
  });

  const post = (token: string, payload: object) =>
    fed.get('BY').app.inject({
      method: 'POST',
      url: '/api/v1/alerts/subscriptions',
      headers: bearer(token),
      payload,
    });

  it('refuses a webhook URL that is not http(s), and a role subscription by a non-administrator', async () => {
    const ftp = await post(analyst, { events: ['critical-notification'], url: 'ftp://example.org/x' });
    assert.equal(ftp.statusCode, 400, ftp.body);
    assert.equal(ftp.json().error.details[0].path, '$body.url');
    const creds = await post(analyst, { events: ['critical-notification'], url: 'https://u:p@example.org/' });
    assert.equal(creds.statusCode, 400, creds.body);
    const role = await post(analyst, { events: ['request-received'], url: hook.url, role: 'liaison' });
    assert.equal(role.statusCode, 403, role.body);
    const event = await post(analyst, { events: ['everything'], url: hook.url });
    assert.equal(event.statusCode, 400, event.body);
  });

  it('signs the call, retries after a failure, and logs the delivery', async () => {
    const made = await post(analyst, { events: ['critical-notification'], url: hook.url });
    assert.equal(made.statusCode, 201, made.body);
    const { secret, subscription } = made.json();
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    const listed = await fed.get('BY').app.inject({
      method: 'GET',
      url: '/api/v1/alerts/subscriptions',
      headers: bearer(analyst),
    });
    assert.ok(!listed.body.includes(secret), 'the secret is shown once, at creation');

    const kzDb = fed.get('KZ').node.store.db;
    const kz = ctxOf(await addUser(kzDb, { party: 'KZ', name: 'duty-kz', role: 'analyst' }));
    const started = Date.now();
    await sendNotification(fed.get('KZ').node, kz, {
      kind: 'incident',
      severity: 'high',
      summary: 'Not critical: no alert',
      recipients: ['BY'],
    });
    const critical = await sendNotification(fed.get('KZ').node, kz, {
      kind: 'incident',
      severity: 'critical',
      summary: 'Grid operator compromised',
      recipients: ['BY'],
      tlp: 'green',
    });

    await eventually(
      async () => hook.calls.some((c) => c.answered === 204),
      'a delivered webhook call',
      10_000,
    );
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 10_000, `delivered in ${elapsed} ms`);
    assert.equal(hook.calls.length, 2, 'one failed call, one retry; nothing for the high-severity one');
    for (const call of hook.calls) {
      assert.equal(call.headers['content-type'], 'application/json');
      assert.ok(
        verifyWebhook(
          secret,
          call.body,
          String(call.headers['accord-signature']),
          Math.floor(Date.now() / 1000),
        ),
        'the HMAC checks with the secret shown at subscription',
      );
      assert.ok(
        !verifyWebhook(
          'another-secret',
          call.body,
          String(call.headers['accord-signature']),
          Date.now() / 1000,
        ),
      );
    }
    const body = JSON.parse(hook.calls[1]!.body);
    assert.equal(body.event, 'critical-notification');
    assert.equal(body.party, 'BY');
    assert.equal(body.subscription, subscription.id);
    assert.equal(body.object.id, critical.id);
    assert.equal(body.object.summary, 'Grid operator compromised');

    // The receiver has answered; the sender writes the outcome just after.
    const readLog = () =>
      fed.get('BY').app.inject({ method: 'GET', url: '/api/v1/alerts/deliveries', headers: bearer(admin) });
    await eventually(async () => (await readLog()).json().items[0]?.status === 'delivered', 'the log');
    const log = await readLog();
    assert.equal(log.statusCode, 200, log.body);
    const [d, ...rest] = log.json().items;
    assert.equal(rest.length, 0);
    assert.equal(d.status, 'delivered');
    assert.equal(d.attempts, 2);
    assert.equal(d.last_status, 204);
    assert.equal(d.object_id, critical.id);

    const audit = await listAudit(fed.get('BY').node.store.db, { limit: 1000 });
    assert.ok(
      audit.some((e) => JSON.stringify(e).includes('"alert"') && JSON.stringify(e).includes(critical.id)),
      'the alert is in the audit log as a disclosure on the alert channel',
    );
  });

  it('a request to the Party and its near deadline reach a role’s webhook', async () => {
    const second = await receiver();
    try {
      const made = await post(admin, {
        events: ['request-received', 'deadline'],
        url: second.url,
        role: 'liaison',
      });
      assert.equal(made.statusCode, 201, made.body);
      const { secret } = made.json();
      const kzDb = fed.get('KZ').node.store.db;
      const kz = ctxOf(await addUser(kzDb, { party: 'KZ', name: 'liaison-kz', role: 'liaison' }));
      const request = await createRequest(fed.get('KZ').node, kz, {
        kind: 'assistance',
        addressee: 'BY',
        summary: 'Stop the C2 server in your network',
        purpose: 'stop-infrastructure',
        indicators: ['203.0.113.77'],
        deadline: new Date(Date.now() + 86_400_000).toISOString(),
        send: true,
      });
      const delivered = (event: string) =>
        second.calls.filter((c) => c.answered === 204 && JSON.parse(c.body).event === event);
      await eventually(
        async () => delivered('request-received').length > 0 && delivered('deadline').length > 0,
        'the request and its deadline alerted',
        15_000,
      );
      for (const event of ['request-received', 'deadline']) {
        const [call, ...more] = delivered(event);
        assert.equal(more.length, 0, `${event} once`);
        assert.ok(
          verifyWebhook(secret, call!.body, String(call!.headers['accord-signature']), Date.now() / 1000),
        );
        assert.equal(JSON.parse(call!.body).object.id, request.id);
      }
      assert.equal(JSON.parse(delivered('deadline')[0]!.body).due, 'soon');
    } finally {
      second.server.close();
    }
  });
});

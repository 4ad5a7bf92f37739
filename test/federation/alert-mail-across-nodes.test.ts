import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { queueDeadlineAlerts } from '../../src/exchange/alerts/alert-queue.js';
import { AlertSender } from '../../src/exchange/alerts/alert-sender.js';
import { sendNotification } from '../../src/exchange/notification-service.js';
import { ctxOf } from '../../src/exchange/records.js';
import { addUser, createToken } from '../../src/store/index.js';
import { bearer } from '../helpers/node.js';
import { eventually, type Federation, peerAll, startFederation } from './federation-helpers.js';

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it is given. */
async function mailbox(): Promise<{ server: SMTPServer; port: number; mails: Mail[] }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const env = session.envelope;
        mails.push({
          from: env.mailFrom ? env.mailFrom.address : '',
          to: env.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        done();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.server.address() as AddressInfo).port, mails };
}

/** The message's headers and its text, quoted-printable undone. */
function read(raw: string): { subject: string; header: (n: string) => string; text: string } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head!.replace(/\r?\n[ \t]+/g, ' ');
  const header = (n: string) => new RegExp(`^${n}:\\s*(.*)$`, 'im').exec(unfolded)?.[1]?.trim() ?? '';
  const body = rest.join('\n\n');
  const text = /quoted-printable/i.test(header('Content-Transfer-Encoding'))
    ? Buffer.from(
        body
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
        'latin1',
      ).toString('utf8')
    : body;
  return { subject: header('Subject'), header, text };
}

describe('alerts by e-mail: a critical notification sent on KZ reaches a TJ subscriber’s mailbox', () => {
  let fed: Federation;
  let box: Awaited<ReturnType<typeof mailbox>>;
  let sender: AlertSender;
  let analyst: string;
  before(async () => {
    fed = await startFederation(['KZ', 'TJ', 'BY']);
    await peerAll(fed);
    for (const f of fed.nodes.values()) await f.startService();
    box = await mailbox();
    const db = fed.get('TJ').node.store.db;
    analyst = (
      await createToken(db, await addUser(db, { party: 'TJ', name: 'duty-tj', role: 'analyst' }), 't')
    ).token;
    sender = new AlertSender(fed.get('TJ').node, {
      pollMs: 50,
      baseBackoffMs: 200,
      smtp: {
        host: '127.0.0.1',
        port: box.port,
        security: 'none',
        user: null,
        password: null,
        from: 'accord@cert.tj',
      },
    });
    sender.start();
  });
  after(async () => {
    await sender.stop();
    await new Promise<void>((r) => box.server.close(() => r()));
    await fed.dispose();
  });

  const post = (payload: object) =>
    fed.get('TJ').app.inject({
      method: 'POST',
      url: '/api/v1/alerts/subscriptions',
      headers: bearer(analyst),
      payload,
    });

  it('refuses an address that is not one, and a body with both a URL and an address', async () => {
    for (const email of ['duty', 'Duty <duty@cert.tj>', 'duty@cert.tj\r\nBcc: x@y.z', 'a..b@cert.tj']) {
      const r = await post({ events: ['critical-notification'], email });
      assert.equal(r.statusCode, 400, `${email}: ${r.body}`);
      assert.equal(r.json().error.details[0].path, '$body.email');
    }
    const both = await post({
      events: ['critical-notification'],
      email: 'duty@cert.tj',
      url: 'https://soc.example/h',
    });
    assert.equal(both.statusCode, 400, both.body);
    const neither = await post({ events: ['critical-notification'] });
    assert.equal(neither.statusCode, 400, neither.body);
  });

  it('mails the subscriber within seconds, with what TJ may see and nothing else', async () => {
    const made = await post({ events: ['critical-notification'], email: 'duty@cert.tj' });
    assert.equal(made.statusCode, 201, made.body);
    const { subscription } = made.json();
    assert.equal(subscription.channel, 'email');
    assert.equal(subscription.email, 'duty@cert.tj');
    assert.equal(made.json().secret, undefined, 'an e-mail subscription has no signing secret');

    const kz = ctxOf(
      await addUser(fed.get('KZ').node.store.db, { party: 'KZ', name: 'duty-kz', role: 'analyst' }),
    );
    const started = Date.now();
    // Critical, but for BY alone: TJ's node never holds it, so no mail may mention it.
    await sendNotification(fed.get('KZ').node, kz, {
      kind: 'incident',
      severity: 'critical',
      summary: 'Hydro dam SCADA intrusion (BY only)',
      recipients: ['BY'],
      tlp: 'amber',
    });
    await sendNotification(fed.get('KZ').node, kz, {
      kind: 'incident',
      severity: 'high',
      summary: 'High but not critical',
      recipients: ['TJ'],
    });
    const critical = await sendNotification(fed.get('KZ').node, kz, {
      kind: 'incident',
      severity: 'critical',
      summary: 'Grid operator compromised',
      recipients: ['TJ'],
      tlp: 'green',
    });

    await eventually(async () => box.mails.length > 0, 'an e-mail on TJ’s SMTP server', 10_000).catch(
      async (e) => {
        const log = await fed.get('TJ').app.inject({
          method: 'GET',
          url: '/api/v1/alerts/deliveries',
          headers: bearer(analyst),
        });
        throw new Error(`${(e as Error).message}; the delivery log: ${log.body}`);
      },
    );
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 10_000, `mailed in ${elapsed} ms`);
    // Give anything else queued a moment to arrive, so "only one" means something.
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(box.mails.length, 1, 'one mail: nothing for the high one, nothing for BY’s');
    const [mail] = box.mails;
    assert.deepEqual(mail!.to, ['duty@cert.tj']);
    assert.equal(mail!.from, 'accord@cert.tj');
    const m = read(mail!.raw);
    assert.equal(m.subject, '[Accord TJ] a critical notification was received: Grid operator compromised');
    assert.equal(m.header('Accord-Event'), 'critical-notification');
    assert.match(m.text, /Grid operator compromised/);
    assert.ok(m.text.includes(critical.id), 'names the notification');
    assert.doesNotMatch(mail!.raw, /Hydro dam|BY only|High but not critical/);

    const readLog = () =>
      fed.get('TJ').app.inject({ method: 'GET', url: '/api/v1/alerts/deliveries', headers: bearer(analyst) });
    await eventually(async () => (await readLog()).json().items[0]?.status === 'delivered', 'the log');
    const log = await readLog();
    assert.equal(log.statusCode, 200, log.body);
    const [d] = log.json().items;
    assert.equal(d.subscription, subscription.id);
    assert.equal(d.object_id, critical.id);
    assert.equal(d.last_status, 250, 'the SMTP server’s answer');
  });

  it('mails again when the notification is still unacknowledged past its deadline', async () => {
    const made = await post({ events: ['deadline'], email: 'duty@cert.tj' });
    assert.equal(made.statusCode, 201, made.body);
    const before = box.mails.length;
    // The deadline of a critical notification is 4 h: look from 5 h ahead.
    await queueDeadlineAlerts(fed.get('TJ').node, new Date(Date.now() + 5 * 3_600_000));
    await eventually(async () => box.mails.length > before, 'a deadline e-mail', 10_000);
    await new Promise((r) => setTimeout(r, 300));
    const fresh = box.mails.slice(before).map((m) => read(m.raw));
    assert.equal(fresh.length, 1, 'one: for TJ’s unacknowledged critical notification only');
    assert.match(fresh[0]!.subject, /^\[Accord TJ\] .*: Grid operator compromised$/);
    assert.match(fresh[0]!.text, /Deadline: .*\(passed\)/);
    assert.equal(fresh[0]!.header('Accord-Event'), 'deadline');
  });
});

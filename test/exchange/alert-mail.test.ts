import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ackDue } from '../../src/exchange/alerts/alert-events.js';
import { alertMail } from '../../src/exchange/alerts/alert-mail.js';
import { emailAddressProblem, smtpSettingsFromEnv } from '../../src/exchange/alerts/smtp-settings.js';

describe('SMTP settings from the environment', () => {
  it('none without a host; STARTTLS on 587 by default; TLS on 465', () => {
    assert.equal(smtpSettingsFromEnv({}), null);
    assert.deepEqual(
      smtpSettingsFromEnv({ ACCORD_SMTP_HOST: 'mail.cert.tj', ACCORD_SMTP_FROM: 'a@cert.tj' }),
      {
        host: 'mail.cert.tj',
        port: 587,
        security: 'starttls',
        user: null,
        password: null,
        from: 'a@cert.tj',
      },
    );
    const tls = smtpSettingsFromEnv({
      ACCORD_SMTP_HOST: 'mail.cert.tj',
      ACCORD_SMTP_FROM: 'a@cert.tj',
      ACCORD_SMTP_SECURITY: 'tls',
      ACCORD_SMTP_USER: 'accord',
      ACCORD_SMTP_PASSWORD: 'pw',
    });
    assert.equal(tls?.port, 465);
    assert.equal(tls?.password, 'pw');
  });
  it('says what is wrong', () => {
    const host = { ACCORD_SMTP_HOST: 'mail.cert.tj', ACCORD_SMTP_FROM: 'a@cert.tj' };
    assert.throws(() => smtpSettingsFromEnv({ ACCORD_SMTP_HOST: 'm' }), /ACCORD_SMTP_FROM is required/);
    assert.throws(() => smtpSettingsFromEnv({ ...host, ACCORD_SMTP_PORT: '99999' }), /ACCORD_SMTP_PORT/);
    assert.throws(() => smtpSettingsFromEnv({ ...host, ACCORD_SMTP_SECURITY: 'ssl' }), /tls, starttls, none/);
    assert.throws(() => smtpSettingsFromEnv({ ...host, ACCORD_SMTP_USER: 'u' }), /together/);
    assert.throws(() => smtpSettingsFromEnv({ ...host, ACCORD_SMTP_FROM: 'Accord <a@b.c>' }), /FROM/);
  });
  it('takes a bare address and nothing that could add a header or a recipient', () => {
    assert.equal(emailAddressProblem('duty.officer+alerts@cert.gov.tj'), null);
    for (const bad of ['duty', 'a@b@c', 'a b@c.d', 'a@c.d\nBcc: x@y.z', 'a@c.d,b@e.f', '.a@c.d', 'a.@c.d'])
      assert.notEqual(emailAddressProblem(bad), null, bad);
  });
});

describe('the e-mail an alert becomes', () => {
  it('says only what the payload says', () => {
    const m = alertMail(
      'd-1',
      JSON.stringify({
        event: 'deadline',
        text: 'a request is near its deadline',
        node: 'accord-tj',
        party: 'TJ',
        at: '2026-12-03T18:00:00.000Z',
        deadline: '2026-12-03T19:00:00.000Z',
        due: 'passed',
        object: { type: 'x-accord-notification', id: 'x-accord-notification--1', summary: 'Grid\nhit' },
      }),
    );
    assert.equal(m.subject, '[Accord TJ] a request is near its deadline: Grid hit');
    assert.match(m.text, /^A request is near its deadline\./);
    assert.match(m.text, /Deadline: 2026-12-03T19:00:00.000Z \(passed\)/);
    assert.deepEqual(m.headers, { 'Accord-Event': 'deadline', 'Accord-Delivery': 'd-1' });
  });
});

describe('deadline alerts for notifications not yet acknowledged', () => {
  const sent = Date.parse('2026-12-03T12:00:00.000Z');
  const n = { sender: 'KZ', severity: 'critical', deadline: new Date(sent + 4 * 3_600_000).toISOString() };
  const at = (h: number) => new Date(sent + h * 3_600_000);
  it('soon in the last quarter of the time allowed, then passed; never once acknowledged', () => {
    assert.equal(ackDue(n, false, 'TJ', at(2)), null);
    assert.equal(ackDue(n, false, 'TJ', at(3.5)), 'soon');
    assert.equal(ackDue(n, false, 'TJ', at(5)), 'passed');
    assert.equal(ackDue(n, true, 'TJ', at(5)), null);
    assert.equal(ackDue(n, false, 'KZ', at(5)), null, 'not for the sender');
  });
});

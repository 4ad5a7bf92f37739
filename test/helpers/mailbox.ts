import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SmtpSettings } from '../../src/exchange/alerts/smtp-settings.js';

// A real SMTP server on loopback (the smtp-server library), and a reader for what it got.

export interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it is given. */
export async function mailbox(): Promise<{
  server: SMTPServer;
  port: number;
  mails: Mail[];
  /** Settings for a node to send here, plain SMTP on loopback. */
  smtp(from: string): SmtpSettings;
}> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
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
  const port = (server.server.address() as AddressInfo).port;
  const smtp = (from: string): SmtpSettings => ({
    host: '127.0.0.1',
    port,
    security: 'none',
    user: null,
    password: null,
    from,
  });
  return { server, port, mails, smtp };
}

/** The message's headers and its text, quoted-printable undone. */
export function read(raw: string): { subject: string; header: (n: string) => string; text: string } {
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

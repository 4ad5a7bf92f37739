// Proving an e-mail address is the user's: a code goes to the address, and only the person who
// reads that mailbox can give it back. The code is random (66 bits), kept only as a hash, and
// good for one hour; a new address or a new code replaces the old one.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SmtpSettings } from './smtp-settings.js';
import { smtpTransport } from './smtp-transport.js';

export const CODE_TTL_MS = 60 * 60_000;

export function newAddressCode(now = Date.now()): { code: string; hash: string; expiresAt: string } {
  const code = randomBytes(8).toString('base64url').slice(0, 11);
  return { code, hash: codeHash(code), expiresAt: new Date(now + CODE_TTL_MS).toISOString() };
}

function codeHash(code: string): string {
  return createHash('sha256').update(code.trim()).digest('hex');
}

/** Whether `code` is the one whose hash was kept, before it expired. */
export function codeMatches(
  code: string,
  kept: { hash: string | null; expiresAt: string | null },
  now = Date.now(),
): boolean {
  if (!kept.hash || !kept.expiresAt || Date.parse(kept.expiresAt) < now) return false;
  return timingSafeEqual(Buffer.from(codeHash(code), 'hex'), Buffer.from(kept.hash, 'hex'));
}

export interface AddressCheck {
  to: string;
  user: string;
  party: string;
  node: string;
  code: string;
  /** The console's address, when the node knows it: the mail then links to the page. */
  console?: string;
}

/** The message that carries the code. */
export function addressCheckMail(c: AddressCheck): { subject: string; text: string } {
  const link = c.console ? `${c.console.replace(/\/$/, '')}/alerts?email-code=${c.code}` : null;
  return {
    subject: `[Accord ${c.party}] Confirm your address for alerts`,
    text: [
      `This address was given for Accord alerts by ${c.user} on node ${c.node} (Party ${c.party}).`,
      '',
      `Confirmation code: ${c.code}`,
      '',
      link
        ? `Open ${link} or enter the code on the Alerts page of the console.`
        : 'Enter it on the Alerts page of the console.',
      'It is good for one hour. If you did not ask for this, ignore this message: no alert will be sent here.',
    ].join('\n'),
  };
}

/** Sends the code; the relay's refusal or absence is the caller's to report. */
export async function sendAddressCheck(smtp: SmtpSettings, c: AddressCheck): Promise<void> {
  const transport = smtpTransport(smtp, 10_000);
  try {
    const m = addressCheckMail(c);
    await transport.sendMail({ from: smtp.from, to: c.to, subject: m.subject, text: m.text });
  } finally {
    transport.close();
  }
}

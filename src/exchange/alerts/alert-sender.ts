// Sends queued alerts: webhooks as signed JSON POSTs, e-mail over SMTP, both retried with
// exponential backoff; every attempt is written to the delivery log that administrators read.

import type { Transporter } from 'nodemailer';
import type { AccordNode } from '../../node/node.js';
import {
  type AlertDeliveryRow,
  confirmedEmailOf,
  dueAlertDeliveries,
  getAlertSubscription,
  recordAlertAttempt,
} from '../../store/index.js';
import { alertMail } from './alert-mail.js';
import { queueDeadlineAlerts } from './alert-queue.js';
import type { SmtpSettings } from './smtp-settings.js';
import { smtpTransport } from './smtp-transport.js';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature.js';

export interface AlertSenderOptions {
  pollMs?: number;
  /** The first retry waits this long; each next one twice as long, up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  maxAttempts?: number;
  timeoutMs?: number;
  /** Where e-mail alerts go out; without it they fail, logged, like an unreachable webhook. */
  smtp?: SmtpSettings | null;
}

const DEFAULTS: Required<AlertSenderOptions> = {
  pollMs: 1000,
  baseBackoffMs: 2000,
  maxBackoffMs: 15 * 60_000,
  maxAttempts: 8,
  timeoutMs: 10_000,
  smtp: null,
};

/** The SMTP reply code at the start of a server's answer ("250 2.0.0 OK …"), or null. */
const smtpCode = (response: unknown) => {
  const m = /^(\d{3})\b/.exec(String(response ?? ''));
  return m ? Number(m[1]) : null;
};

export function backoffMs(attempts: number, o: Pick<AlertSenderOptions, 'baseBackoffMs' | 'maxBackoffMs'>) {
  const base = o.baseBackoffMs ?? DEFAULTS.baseBackoffMs;
  return Math.min(base * 2 ** Math.max(0, attempts - 1), o.maxBackoffMs ?? DEFAULTS.maxBackoffMs);
}

export class AlertSender {
  private readonly o: Required<AlertSenderOptions>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private mailer: Transporter | null = null;

  constructor(
    private readonly node: AccordNode,
    options: AlertSenderOptions = {},
  ) {
    this.o = { ...DEFAULTS, ...options };
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.mailer?.close();
    this.mailer = null;
  }

  private transport(smtp: SmtpSettings): Transporter {
    this.mailer ??= smtpTransport(smtp, this.o.timeoutMs);
    return this.mailer;
  }

  /** One SMTP submission; the relay's reply code is the delivery's `last_status`. */
  private async mail(d: AlertDeliveryRow, to: string): Promise<number | null> {
    const smtp = this.o.smtp;
    if (!smtp) throw new Error('no SMTP server is configured (ACCORD_SMTP_HOST)');
    const m = alertMail(d.id, d.body);
    const info = await this.transport(smtp).sendMail({
      from: smtp.from,
      to,
      subject: m.subject,
      text: m.text,
      headers: m.headers,
    });
    return smtpCode(info.response);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sendDue()
        .then(() => undefined)
        .catch((e) => process.emitWarning(`alert sender: ${(e as Error).message}`))
        .finally(() => this.schedule(this.o.pollMs));
    }, ms);
    this.timer.unref();
  }

  /** Sends every delivery that is due; returns how many were attempted. */
  async sendDue(): Promise<number> {
    await queueDeadlineAlerts(this.node);
    const due = await dueAlertDeliveries(this.node.store.db, new Date().toISOString(), 50);
    for (const d of due) await this.attempt(d);
    return due.length;
  }

  private async attempt(d: AlertDeliveryRow): Promise<void> {
    const db = this.node.store.db;
    const sub = await getAlertSubscription(db, d.subscription_id);
    const attempts = d.attempts + 1;
    if (!sub) {
      await recordAlertAttempt(db, d.id, {
        status: 'failed',
        attempts,
        next_attempt_at: d.next_attempt_at,
        last_status: null,
        last_error: 'the subscription was deleted',
        delivered_at: null,
      });
      return;
    }
    // An address is written to only while the subscriber's confirmed address is that address:
    // a changed (and so unconfirmed) address stops the mail at once, with no retries.
    if (sub.channel === 'email' && (await confirmedEmailOf(db, sub.created_by)) !== sub.target) {
      await recordAlertAttempt(db, d.id, {
        status: 'failed',
        attempts,
        next_attempt_at: d.next_attempt_at,
        last_status: null,
        last_error: `${sub.target} is not the confirmed address of ${sub.created_by}`,
        delivered_at: null,
      });
      return;
    }
    let status: number | null = null;
    let error: string | null = null;
    try {
      if (sub.channel === 'email') {
        status = await this.mail(d, sub.target);
      } else {
        if (sub.channel !== 'webhook' || !sub.secret)
          throw new Error(`channel ${sub.channel} is not sent by this node`);
        const t = Math.floor(Date.now() / 1000);
        const res = await fetch(sub.target, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Accord-Alerts/1',
            [SIGNATURE_HEADER]: signWebhook(sub.secret, d.body, t),
            'accord-delivery': d.id,
            'accord-event': d.event,
          },
          body: d.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(this.o.timeoutMs),
        });
        status = res.status;
        await res.body?.cancel();
        if (status < 200 || status > 299) error = `the receiver answered ${status}`;
      }
    } catch (e) {
      error = (e as Error).message;
    }
    const now = new Date().toISOString();
    if (error === null) {
      await recordAlertAttempt(db, d.id, {
        status: 'delivered',
        attempts,
        next_attempt_at: now,
        last_status: status,
        last_error: null,
        delivered_at: now,
      });
      return;
    }
    const giveUp = attempts >= this.o.maxAttempts;
    await recordAlertAttempt(db, d.id, {
      status: giveUp ? 'failed' : 'pending',
      attempts,
      next_attempt_at: new Date(Date.now() + backoffMs(attempts, this.o)).toISOString(),
      last_status: status,
      last_error: error,
      delivered_at: null,
    });
  }
}

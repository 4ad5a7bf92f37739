import { createTransport, type Transporter } from 'nodemailer';
import type { SmtpSettings } from './smtp-settings.js';

/** A nodemailer transport to the operator's relay, as the settings say. */
export function smtpTransport(smtp: SmtpSettings, timeoutMs: number): Transporter {
  return createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    ...(smtp.user && smtp.password ? { auth: { user: smtp.user, pass: smtp.password } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
}

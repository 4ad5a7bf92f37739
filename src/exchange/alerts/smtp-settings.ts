// Where alert e-mail goes out: an SMTP relay the operator names in the environment. Pure: the
// environment in, the settings (or null when none is set, or a message saying what is wrong) out.

export type SmtpSecurity = 'tls' | 'starttls' | 'none';

export interface SmtpSettings {
  host: string;
  port: number;
  /** `tls`: TLS from the first byte (465); `starttls`: upgrade required (587); `none`: plain, tests only. */
  security: SmtpSecurity;
  user: string | null;
  password: string | null;
  from: string;
}

const DEFAULT_PORT: Record<SmtpSecurity, number> = { tls: 465, starttls: 587, none: 25 };

// Deliberately strict: one @, no spaces or angle brackets, a dotted or bracketless host.
const ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Why `text` is not an e-mail address we send to, or null when it is one. */
export function emailAddressProblem(text: string): string | null {
  if (text.length > 254) return 'is longer than 254 characters';
  if (!ADDRESS.test(text)) return 'is not an e-mail address (name@host, no display name)';
  if (text.startsWith('.') || text.includes('..') || text.split('@')[0]!.endsWith('.'))
    return 'has a misplaced full stop before the @';
  return null;
}

/** The SMTP settings in `env`, or null when ACCORD_SMTP_HOST is unset (e-mail alerts then fail). */
export function smtpSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): SmtpSettings | null {
  const host = env.ACCORD_SMTP_HOST;
  if (!host) return null;
  const security = (env.ACCORD_SMTP_SECURITY ?? 'starttls') as SmtpSecurity;
  if (!(security in DEFAULT_PORT))
    throw new Error(`ACCORD_SMTP_SECURITY '${security}' is not one of tls, starttls, none`);
  const portText = env.ACCORD_SMTP_PORT ?? String(DEFAULT_PORT[security]);
  if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535)
    throw new Error(`ACCORD_SMTP_PORT '${portText}' is not a port number`);
  const from = env.ACCORD_SMTP_FROM;
  if (!from) throw new Error('ACCORD_SMTP_FROM is required when ACCORD_SMTP_HOST is set');
  const fromProblem = emailAddressProblem(from);
  if (fromProblem) throw new Error(`ACCORD_SMTP_FROM '${from}' ${fromProblem}`);
  const user = env.ACCORD_SMTP_USER || null;
  const password = env.ACCORD_SMTP_PASSWORD || null;
  if ((user === null) !== (password === null))
    throw new Error('ACCORD_SMTP_USER and ACCORD_SMTP_PASSWORD are set together or not at all');
  return { host, port: Number(portText), security, user, password, from };
}

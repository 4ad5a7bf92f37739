import { type FormEvent, useState } from 'react';
import type { EmailState } from '../../../src/http/contract/alerts.js';
import { ErrorBox } from '../components/ErrorBox.js';
import { Loading } from '../components/Loading.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { useApi } from '../lib/use-api.js';
import { useSubmit } from '../lib/use-submit.js';

export type { EmailState };

/** The code the confirmation mail links to (`/alerts?email-code=…`), if the page was opened so. */
const linkedCode = () => new URLSearchParams(window.location.search).get('email-code') ?? '';

/**
 * The user's own address for e-mail alerts: give it, receive a code there, enter the code.
 * Mail goes only to a confirmed address (docs/alerts.md, "Your address").
 */
export function AlertAddress({ onChange }: { onChange(state: EmailState): void }) {
  const { t, dateTime } = useI18n();
  const state = useApi((signal) => api<EmailState>('/me/email', { signal }), 'me-email');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState(linkedCode);
  const give = useSubmit<EmailState>();
  const confirm = useSubmit<EmailState>();
  const done = (s: EmailState | undefined) => {
    if (!s) return;
    state.reload();
    onChange(s);
  };
  const submitEmail = async (e: FormEvent) => {
    e.preventDefault();
    done(
      await give.run(() => api<EmailState>('/me/email', { method: 'PUT', body: { email: email.trim() } })),
    );
  };
  const submitCode = async (e: FormEvent) => {
    e.preventDefault();
    done(
      await confirm.run(() =>
        api<EmailState>('/me/email/confirm', { method: 'POST', body: { code: code.trim() } }),
      ),
    );
  };
  const s = state.data;
  return (
    <section className="card" aria-labelledby="alerts-address">
      <h2 id="alerts-address">{t('alerts.address')}</h2>
      {state.error !== undefined && <ErrorBox error={state.error} onRetry={state.reload} />}
      {state.loading && !s && <Loading />}
      {s && (
        <p role="status" data-state={!s.email ? 'none' : s.confirmed ? 'confirmed' : 'pending'}>
          {!s.email
            ? t('alerts.address.none')
            : s.confirmed
              ? t('alerts.address.confirmed', { email: s.email })
              : t('alerts.address.pending', {
                  email: s.email,
                  until: s.code_expires_at ? dateTime(s.code_expires_at) : '—',
                })}
        </p>
      )}
      {s?.email && !s.confirmed && (
        <form onSubmit={submitCode} className="stack">
          <label htmlFor="alerts-code">{t('alerts.address.code')}</label>
          <input
            id="alerts-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="one-time-code"
            required
          />
          {confirm.error !== undefined && <ErrorBox error={confirm.error} />}
          <button type="submit" className="primary" disabled={confirm.busy}>
            {t('alerts.address.confirm')}
          </button>
        </form>
      )}
      <form onSubmit={submitEmail} className="stack">
        <label htmlFor="alerts-email">
          {s?.email ? t('alerts.address.change') : t('alerts.address.give')}
        </label>
        <input
          id="alerts-email"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoComplete="email"
          required
        />
        {give.error !== undefined && <ErrorBox error={give.error} />}
        <button type="submit" disabled={give.busy}>
          {t('alerts.address.send')}
        </button>
      </form>
    </section>
  );
}

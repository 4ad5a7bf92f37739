import { type FormEvent, useState } from 'react';
import {
  ALERT_EVENT_NAMES,
  type AlertDeliveryList,
  type AlertSubscribed,
  type AlertSubscriptionList,
} from '../../../src/http/contract/alerts.js';
import { ROLES } from '../components/admin/types.js';
import { ErrorBox } from '../components/ErrorBox.js';
import { Loading } from '../components/Loading.js';
import { type MessageKey, useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { useUser } from '../lib/session.js';
import { useApi } from '../lib/use-api.js';
import { useSubmit } from '../lib/use-submit.js';
import { AlertAddress, type EmailState } from './AlertAddress.js';

const EVENTS = ALERT_EVENT_NAMES;

const eventKey = (e: string) => `alerts.event.${e}` as MessageKey;

function AddForm({ admin, confirmed, onDone }: { admin: boolean; confirmed: string | null; onDone(): void }) {
  const { t } = useI18n();
  const [events, setEvents] = useState<string[]>(['critical-notification']);
  const [channel, setChannel] = useState<'webhook' | 'email'>('email');
  const [target, setTarget] = useState('');
  const [role, setRole] = useState('');
  const s = useSubmit<{ secret?: string }>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const made = await s.run(() =>
      api<AlertSubscribed>('/alerts/subscriptions', {
        method: 'POST',
        body: {
          events,
          ...(channel === 'email' ? { email: confirmed ?? '' } : { url: target.trim() }),
          ...(role ? { role } : {}),
        },
      }),
    );
    if (made) {
      setTarget('');
      onDone();
    }
  };
  const toggle = (ev: string) =>
    setEvents((now) => (now.includes(ev) ? now.filter((x) => x !== ev) : [...now, ev]));
  return (
    <section className="card" aria-labelledby="alerts-add">
      <h2 id="alerts-add">{t('alerts.add')}</h2>
      <form onSubmit={submit} className="stack">
        <fieldset>
          <legend>{t('alerts.events')}</legend>
          {EVENTS.map((ev) => (
            <label key={ev}>
              <input type="checkbox" checked={events.includes(ev)} onChange={() => toggle(ev)} />{' '}
              {t(eventKey(ev))}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('alerts.channel')}</legend>
          {(['email', 'webhook'] as const).map((c) => (
            <label key={c}>
              <input type="radio" name="channel" checked={channel === c} onChange={() => setChannel(c)} />{' '}
              {t(`alerts.channel.${c}`)}
            </label>
          ))}
        </fieldset>
        {channel === 'email' ? (
          <p className="muted" data-testid="alerts-email-target">
            {confirmed ? t('alerts.address.only', { email: confirmed }) : t('alerts.address.needed')}
          </p>
        ) : (
          <>
            <label htmlFor="alerts-target">{t('alerts.target')}</label>
            <input
              id="alerts-target"
              type="url"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              required
            />
          </>
        )}
        {admin && (
          <>
            <label htmlFor="alerts-role">{t('alerts.role')}</label>
            <select id="alerts-role" value={role} onChange={(e) => setRole(e.target.value)}>
              <option value="">{t('alerts.role.me')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t('alerts.role.of', { role: r })}
                </option>
              ))}
            </select>
          </>
        )}
        {s.error !== undefined && <ErrorBox error={s.error} />}
        {s.result?.secret && (
          <p role="status">
            {t('alerts.secret')} <code className="mono">{s.result.secret}</code>
          </p>
        )}
        <button
          type="submit"
          className="primary"
          disabled={s.busy || events.length === 0 || (channel === 'email' && !confirmed)}
        >
          {t('alerts.submit')}
        </button>
      </form>
    </section>
  );
}

export function Alerts() {
  const { t, dateTime } = useI18n();
  const user = useUser();
  const subs = useApi((signal) => api<AlertSubscriptionList>('/alerts/subscriptions', { signal }), 'subs');
  const log = useApi(
    (signal) => api<AlertDeliveryList>('/alerts/deliveries?limit=20', { signal }),
    'deliveries',
  );
  const [error, setError] = useState<unknown>();
  const me = useApi((signal) => api<EmailState>('/me/email', { signal }), 'me-email-add');
  const [changed, setConfirmed] = useState<string | null | undefined>(undefined);
  const confirmed = changed !== undefined ? changed : me.data?.confirmed ? me.data.email : null;
  const remove = async (id: string) => {
    setError(undefined);
    try {
      await api(`/alerts/subscriptions/${encodeURIComponent(id)}`, { method: 'DELETE' });
      subs.reload();
    } catch (e) {
      setError(e);
    }
  };
  const reload = () => {
    subs.reload();
    log.reload();
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('alerts.title')}</h1>
      <p className="muted">{t('alerts.lead')}</p>
      {subs.error !== undefined && <ErrorBox error={subs.error} onRetry={subs.reload} />}
      {error !== undefined && <ErrorBox error={error} />}
      <section className="card" aria-labelledby="alerts-mine">
        <h2 id="alerts-mine">{t('alerts.mine')}</h2>
        {subs.loading && !subs.data && <Loading />}
        {subs.data && subs.data.items.length === 0 && <p className="muted">{t('common.none')}</p>}
        <ul className="plain">
          {subs.data?.items.map((s) => {
            const target = s.email ?? s.url ?? '';
            return (
              <li key={s.id} className="alert-sub" data-id={s.id}>
                <strong>{t(`alerts.channel.${s.channel}`)}</strong> <span className="mono">{target}</span>{' '}
                <span className="muted">
                  {s.role ? t('alerts.role.of', { role: s.role }) : s.user} —{' '}
                  {s.events.map((e) => t(eventKey(e))).join(', ')}
                </span>{' '}
                <button
                  type="button"
                  className="danger"
                  aria-label={t('alerts.removeOne', { target })}
                  onClick={() => void remove(s.id)}
                >
                  {t('alerts.remove')}
                </button>
              </li>
            );
          })}
        </ul>
      </section>
      <AlertAddress onChange={(st) => setConfirmed(st.confirmed ? st.email : null)} />
      <AddForm admin={user.role === 'admin'} confirmed={confirmed} onDone={reload} />
      <section className="card" aria-labelledby="alerts-log">
        <h2 id="alerts-log">{t('alerts.deliveries')}</h2>
        {log.error !== undefined && <ErrorBox error={log.error} onRetry={log.reload} />}
        {log.data && log.data.items.length === 0 && <p className="muted">{t('common.none')}</p>}
        {log.data && log.data.items.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('alerts.when')}</th>
                <th scope="col">{t('alerts.events')}</th>
                <th scope="col">{t('alerts.object')}</th>
                <th scope="col">{t('alerts.status')}</th>
                <th scope="col">{t('alerts.attempts')}</th>
                <th scope="col">{t('alerts.answer')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((d) => (
                <tr key={d.id}>
                  <td>{dateTime(d.created_at)}</td>
                  <td>{t(eventKey(d.event))}</td>
                  <td className="mono">{d.object_id}</td>
                  <td>{t(`alerts.delivery.${d.status}`)}</td>
                  <td>{d.attempts}</td>
                  <td>{d.last_error ?? d.last_status ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

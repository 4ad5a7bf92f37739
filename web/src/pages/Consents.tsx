import { type FormEvent, useState } from 'react';
import { DateField } from '../components/DateField.js';
import { ErrorBox } from '../components/ErrorBox.js';
import { Link, objectPath } from '../components/Link.js';
import { Loading } from '../components/Loading.js';
import { Party } from '../components/Party.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { useSession } from '../lib/session.js';
import type { Consent, ConsentList } from '../lib/types.js';
import { useApi } from '../lib/use-api.js';

function ConsentRow({ c, mine, onDone }: { c: Consent; mine: boolean; onDone(): void }) {
  const { t, date } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const decide = async (action: 'grant' | 'refuse' | 'withdraw') => {
    setBusy(true);
    setError(undefined);
    try {
      await api(`/consents/${c.id}/${action}`, {
        method: 'POST',
        body: action === 'refuse' && reason ? { reason } : {},
      });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const recipient =
    c.recipient.kind === 'party' ? c.recipient.party! : (c.recipient.name ?? c.recipient.id ?? '?');
  return (
    <li className="consent" data-id={c.id}>
      <div className="consent-head">
        <span className={`status status-${c.status}`}>{t(`status.${c.status}`)}</span>
        <Party code={mine ? c.requester : c.grantor} />
        <span>
          → {c.recipient.kind === 'party' ? <Party code={recipient} /> : <strong>{recipient}</strong>}
        </span>
        <span className="muted small">
          {t('consents.validUntil')}: {date(c.valid_until)}
        </span>
      </div>
      <p>
        <span className="muted">{t('consents.purpose')}:</span> {c.purpose}
      </p>
      <p className="small">
        {t('consents.objects')}:{' '}
        {c.object_ids.map((id) => (
          <Link key={id} to={objectPath(id)} className="mono">
            {id}
          </Link>
        ))}
      </p>
      {c.refusal_reason && (
        <p className="small">
          {t('consents.reason')}: {c.refusal_reason}
        </p>
      )}
      {mine && c.status === 'requested' && (
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void decide('grant')}>
            {t('consents.grant')}
          </button>
          <label>
            {t('consents.reason')} <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="button" className="danger" disabled={busy} onClick={() => void decide('refuse')}>
            {t('consents.refuse')}
          </button>
        </div>
      )}
      {mine && c.status === 'granted' && (
        <button type="button" className="danger" disabled={busy} onClick={() => void decide('withdraw')}>
          {t('consents.withdraw')}
        </button>
      )}
      {error !== undefined && <ErrorBox error={error} />}
    </li>
  );
}

function AskForm({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const [ids, setIds] = useState('');
  const [recipient, setRecipient] = useState('');
  const [purpose, setPurpose] = useState('');
  const [until, setUntil] = useState('');
  const [error, setError] = useState<unknown>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await api('/consents', {
        method: 'POST',
        body: {
          object_ids: ids.split(/\s+/).filter(Boolean),
          recipient: { kind: 'third-party', id: recipient.trim() },
          purpose,
          valid_until: until,
        },
      });
      setIds('');
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <details className="card">
      <summary>{t('consents.ask')}</summary>
      <form onSubmit={submit} className="stack">
        <label htmlFor="ask-ids">{t('consents.askObjects')}</label>
        <textarea id="ask-ids" rows={3} value={ids} onChange={(e) => setIds(e.target.value)} required />
        <label htmlFor="ask-recipient">{t('consents.askRecipient')}</label>
        <input id="ask-recipient" value={recipient} onChange={(e) => setRecipient(e.target.value)} required />
        <label htmlFor="ask-purpose">{t('consents.purpose')}</label>
        <input id="ask-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)} required />
        <label htmlFor="ask-until">{t('consents.validUntil')}</label>
        <DateField id="ask-until" value={until} onChange={setUntil} required />
        {error !== undefined && <ErrorBox error={error} />}
        <button type="submit" className="primary">
          {t('consents.askSubmit')}
        </button>
      </form>
    </details>
  );
}

export function Consents() {
  const { t } = useI18n();
  const party = useSession().info!.user.party;
  const r = useApi((signal) => api<ConsentList>('/consents', { signal }), 'consents');
  const items = r.data?.items ?? [];
  const toDecide = items.filter((c) => c.grantor === party);
  const asked = items.filter((c) => c.requester === party);
  return (
    <>
      <h1 tabIndex={-1}>{t('consents.title')}</h1>
      {r.error !== undefined && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.loading && !r.data && <Loading />}
      <section className="card" aria-labelledby="c-decide">
        <h2 id="c-decide">{t('consents.toDecide')}</h2>
        {r.data && toDecide.length === 0 && <p className="muted">{t('common.none')}</p>}
        <ul className="plain">
          {toDecide.map((c) => (
            <ConsentRow key={c.id} c={c} mine onDone={r.reload} />
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="c-asked">
        <h2 id="c-asked">{t('consents.asked')}</h2>
        {r.data && asked.length === 0 && <p className="muted">{t('common.none')}</p>}
        <ul className="plain">
          {asked.map((c) => (
            <ConsentRow key={c.id} c={c} mine={false} onDone={r.reload} />
          ))}
        </ul>
      </section>
      <AskForm onDone={r.reload} />
    </>
  );
}

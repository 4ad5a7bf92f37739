import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { useApi } from '../lib/use-api.js';
import { ErrorBox } from './ErrorBox.js';
import { Link } from './Link.js';
import { Loading } from './Loading.js';
import { Party } from './Party.js';

interface Owed {
  requests: { id: string; state: string; summary: string; deadline: string }[];
  measures: { case: string; title: string; measure: string; state: string; due: string }[];
  consents: { id: string }[];
}

interface ObligationsDoc {
  party: string;
  counterpart: string;
  owes: Owed;
  owed: Owed;
  settled: boolean;
}

function OwedList({ o, who }: { o: Owed; who: string }) {
  const { t, date } = useI18n();
  return (
    <ul>
      {o.requests.map((r) => (
        <li key={r.id}>
          {t('obligations.answer', { who })} <Link to={`/requests/${r.id}`}>{r.summary}</Link> ({r.state},{' '}
          {date(r.deadline)})
        </li>
      ))}
      {o.measures.map((m) => (
        <li key={m.measure}>
          {t('obligations.measure', { who })} <Link to={`/cases/${m.case}`}>{m.title}</Link> ({m.state},{' '}
          {date(m.due)})
        </li>
      ))}
      {o.consents.map((c) => (
        <li key={c.id}>
          {t('obligations.consent', { who })} <Link to="/consents">{c.id}</Link>
        </li>
      ))}
    </ul>
  );
}

/** What is still open with a withdrawing Party (Article 17: released once settled). */
export function Obligations({ party }: { party: string }) {
  const { t } = useI18n();
  const r = useApi((signal) => api<ObligationsDoc>(`/agreement/obligations/${party}`, { signal }), party);
  return (
    <div>
      <h3>
        <Party code={party} />
      </h3>
      {r.error !== undefined && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.loading && <Loading />}
      {r.data?.settled && <p className="ok">{t('obligations.settled')}</p>}
      {r.data && !r.data.settled && (
        <>
          <OwedList o={r.data.owes} who={r.data.party} />
          <OwedList o={r.data.owed} who={r.data.counterpart} />
        </>
      )}
    </div>
  );
}

import { ActivityPanel } from '../components/ActivityStats.js';
import { ErrorBox } from '../components/ErrorBox.js';
import { Link } from '../components/Link.js';
import { Loading } from '../components/Loading.js';
import { OpenItems } from '../components/OpenItems.js';
import { Party } from '../components/Party.js';
import { SinceLastVisit } from '../components/SinceLastVisit.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { useSession } from '../lib/session.js';
import type { AgreementStatus, ConsentList } from '../lib/types.js';
import { useApi } from '../lib/use-api.js';

const COUNT_PAGE = 100;

/** How many items a list query returns, up to one page ("100+" beyond). */
function useCount(path: string, enabled: boolean) {
  return useApi(async (signal) => {
    if (!enabled) return null;
    const r = await api<{ items: unknown[]; next: string | null }>(`${path}&limit=${COUNT_PAGE}`, { signal });
    return `${r.items.length}${r.next ? '+' : ''}`;
  }, `${path}|${enabled}`);
}

export function Overview({ exchange }: { exchange: boolean }) {
  const { t, date } = useI18n();
  const user = useSession().info!.user;
  const party = user.party;
  const status = useApi((signal) => api<AgreementStatus>('/agreement/status', { signal }), 'status');
  const consents = useApi((signal) => api<ConsentList>('/consents', { signal }), 'consents');
  const unacked = useCount('/notifications?box=inbox&unacknowledged=true', exchange);
  const overdue = useCount('/requests?box=inbox&overdue=true', exchange);
  const dueSoon = useCount('/requests?box=inbox&due_soon=true', exchange);
  const pending = consents.data?.items.filter((c) => c.status === 'requested') ?? [];
  const toDecide = pending.filter((c) => c.grantor === party);
  const asked = pending.filter((c) => c.requester === party);
  return (
    <>
      <h1 tabIndex={-1}>{t('overview.title')}</h1>
      <div className="grid">
        <section className="card" aria-labelledby="ov-action">
          <h2 id="ov-action">{t('overview.action')}</h2>
          {consents.error !== undefined && <ErrorBox error={consents.error} onRetry={consents.reload} />}
          {consents.loading && <Loading />}
          {consents.data && (
            <ul className="counts">
              <li>
                <Link to="/consents">
                  <span className={`count${toDecide.length > 0 ? ' hot' : ''}`}>{toDecide.length}</span>{' '}
                  {t('overview.consentsToDecide')}
                </Link>
              </li>
              <li>
                <Link to="/consents">
                  <span className="count">{asked.length}</span> {t('overview.consentsAsked')}
                </Link>
              </li>
            </ul>
          )}
          {exchange && (
            <ul className="counts">
              {(
                [
                  [unacked, 'overview.notifications', '/inbox'],
                  [overdue, 'overview.requestsOverdue', '/requests'],
                  [dueSoon, 'overview.requestsDueSoon', '/requests'],
                ] as const
              ).map(([c, label, to]) => (
                <li key={label}>
                  {c.error !== undefined ? (
                    <ErrorBox error={c.error} onRetry={c.reload} />
                  ) : (
                    <Link to={to}>
                      <span className={`count${c.data && c.data !== '0' ? ' hot' : ''}`}>
                        {c.data ?? '…'}
                      </span>{' '}
                      {t(label)}
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          )}
          {!exchange && <p className="muted">{t('overview.exchangeMissing')}</p>}
        </section>
        <section className="card" aria-labelledby="ov-agreement">
          <h2 id="ov-agreement">{t('overview.agreementStatus')}</h2>
          {status.error !== undefined && <ErrorBox error={status.error} onRetry={status.reload} />}
          {status.loading && <Loading />}
          {status.data && (
            <>
              <p className={status.data.in_force ? 'ok' : 'warn'}>
                {status.data.in_force && status.data.since
                  ? t('agreement.inForce', { date: date(status.data.since) })
                  : t('agreement.notInForce')}
              </p>
              <ul className="plain">
                {status.data.parties.map((p) => (
                  <li key={p.code}>
                    <Party code={p.code} /> —{' '}
                    <span className={`state state-${p.state}`}>{t(`state.${p.state}`)}</span>
                  </li>
                ))}
              </ul>
              <Link to="/agreement">{t('nav.agreement')} →</Link>
            </>
          )}
        </section>
      </div>
      {exchange && (
        <div className="grid">
          <OpenItems />
          <SinceLastVisit />
        </div>
      )}
      {!exchange && <SinceLastVisit />}
      <ActivityPanel parties={status.data?.parties.map((p) => p.code) ?? []} />
    </>
  );
}

import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import type { AccordRequest, Notification, Page } from '../lib/exchange-types.js';
import { useApi } from '../lib/use-api.js';
import { ErrorBox } from './ErrorBox.js';
import { Link } from './Link.js';
import { Loading } from './Loading.js';
import { Party } from './Party.js';

const SHOWN = 10;
const OPEN = new Set(['sent', 'received', 'in-progress']);

interface OpenItem {
  key: string;
  deadline: string;
  from: string;
  what: string;
  to: string;
  kind: 'notification' | 'request';
}

/** What waits on the reader's Party, soonest deadline first: requests to answer, notifications to acknowledge. */
export function OpenItems() {
  const { t, dateTime } = useI18n();
  const r = useApi(async (signal) => {
    const [notes, reqs] = await Promise.all([
      api<Page<Notification>>('/notifications?box=inbox&unacknowledged=true&limit=100', { signal }),
      api<Page<AccordRequest>>('/requests?box=inbox&limit=100', { signal }),
    ]);
    const items: OpenItem[] = [
      ...notes.items.map((n) => ({
        key: n.id,
        deadline: n.deadline,
        from: n.sender,
        what: n.summary,
        to: '/inbox',
        kind: 'notification' as const,
      })),
      ...reqs.items
        .filter((q) => OPEN.has(q.state))
        .map((q) => ({
          key: q.id,
          deadline: q.deadline,
          from: q.requester,
          what: q.summary,
          to: `/requests/${encodeURIComponent(q.id)}`,
          kind: 'request' as const,
        })),
    ];
    return items.sort((a, b) => a.deadline.localeCompare(b.deadline));
  }, 'open-items');
  const now = new Date().toISOString();
  return (
    <section className="card" aria-labelledby="ov-open">
      <h2 id="ov-open">{t('overview.openByDeadline')}</h2>
      {r.error !== undefined && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.loading && <Loading />}
      {r.data && r.data.length === 0 && <p className="muted">{t('overview.nothing')}</p>}
      {r.data && r.data.length > 0 && (
        <ol className="plain open-items">
          {r.data.slice(0, SHOWN).map((i) => (
            <li key={i.key}>
              <span className={i.deadline < now ? 'warn' : 'muted'}>
                {i.deadline < now ? `${t('exchange.overdue')} · ` : ''}
                {dateTime(i.deadline)}
              </span>{' '}
              <span className="tag">
                {t(i.kind === 'request' ? 'overview.toAnswer' : 'overview.toAcknowledge')}
              </span>{' '}
              <Link to={i.to}>{i.what}</Link> · <Party code={i.from} short />
            </li>
          ))}
        </ol>
      )}
      {r.data && r.data.length > SHOWN && (
        <p className="muted small">{t('overview.andMore', { n: r.data.length - SHOWN })}</p>
      )}
    </section>
  );
}

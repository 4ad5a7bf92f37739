import { useState } from 'react';
import { ErrorBox } from '../components/ErrorBox.js';
import { type Box, BoxSwitch, Deadline } from '../components/Exchange.js';
import { Link } from '../components/Link.js';
import { Loading } from '../components/Loading.js';
import { TlpLevelBadge } from '../components/Markings.js';
import { Pager } from '../components/Pager.js';
import { Party } from '../components/Party.js';
import { RequestForm } from '../components/RequestForm.js';
import { useI18n } from '../i18n/index.js';
import { type AccordRequest, REQUEST_STATES, type RequestState } from '../lib/exchange-types.js';
import { usePaged } from '../lib/use-paged.js';

export const requestPath = (id: string) => `/requests/${encodeURIComponent(id)}`;

export function StateBadge({ state }: { state: RequestState }) {
  const { t } = useI18n();
  return <span className={`state rstate-${state}`}>{t(`rstate.${state}`)}</span>;
}

export function Requests() {
  const { t, dateTime } = useI18n();
  const [box, setBox] = useState<Box>('inbox');
  const [state, setState] = useState<RequestState | ''>('');
  const [overdue, setOverdue] = useState(false);
  const query = `box=${box}${state ? `&state=${state}` : ''}${overdue ? '&overdue=true' : ''}`;
  const list = usePaged<AccordRequest>('/requests', query);
  const items = list.data?.items ?? [];
  return (
    <>
      <h1 tabIndex={-1}>{t('requests.title')}</h1>
      <RequestForm
        onCreated={() => {
          // What was made shows among the outgoing requests.
          if (box === 'sent') list.reload();
          else setBox('sent');
        }}
      />
      <section className="card" aria-label={t('requests.title')}>
        <div className="toolbar">
          <BoxSwitch
            box={box}
            onChange={setBox}
            labels={{ inbox: 'requests.incoming', sent: 'requests.outgoing' }}
          />
          <label>
            {t('requests.state')}{' '}
            <select value={state} onChange={(e) => setState(e.target.value as RequestState | '')}>
              <option value="">{t('requests.allStates')}</option>
              {REQUEST_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`rstate.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} />{' '}
            {t('requests.overdueOnly')}
          </label>
        </div>
        {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
        {list.loading && !list.data && <Loading />}
        {list.data && items.length === 0 && <p className="muted">{t('common.none')}</p>}
        {items.length > 0 && (
          <div className="table-wrap">
            <table className="requests">
              <thead>
                <tr>
                  <th scope="col">{t('requests.state')}</th>
                  <th scope="col">{t('requests.kind')}</th>
                  <th scope="col">{t('requests.summary')}</th>
                  <th scope="col">{box === 'inbox' ? t('requests.requester') : t('requests.addressee')}</th>
                  <th scope="col">{t('requests.sentAt')}</th>
                  <th scope="col">{t('exchange.deadline')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.id} className={r.overdue ? 'overdue' : undefined} data-id={r.id}>
                    <td>
                      <StateBadge state={r.state} />
                    </td>
                    <td>{t(`rkind.${r.kind}`)}</td>
                    <td className="name">
                      <TlpLevelBadge level={r.tlp} /> <Link to={requestPath(r.id)}>{r.summary}</Link>
                    </td>
                    <td>
                      <Party code={box === 'inbox' ? r.requester : r.addressee} />
                    </td>
                    <td>{dateTime(r.sent_at ?? r.created_at)}</td>
                    <td>
                      <Deadline at={r.deadline} overdue={r.overdue} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          atStart={list.atStart}
          hasNext={Boolean(list.data?.next)}
          shown={items.length}
          onFirst={list.first}
          onNext={list.next}
        />
      </section>
    </>
  );
}

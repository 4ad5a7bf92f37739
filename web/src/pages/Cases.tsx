import { useState } from 'react';
import { CaseForm } from '../components/CaseForm.js';
import { ErrorBox } from '../components/ErrorBox.js';
import { Link } from '../components/Link.js';
import { Loading } from '../components/Loading.js';
import { TlpLevelBadge } from '../components/Markings.js';
import { Pager } from '../components/Pager.js';
import { Party } from '../components/Party.js';
import { useI18n } from '../i18n/index.js';
import type { CaseRecord } from '../lib/exchange-types.js';
import { navigate } from '../lib/router.js';
import { usePaged } from '../lib/use-paged.js';

export const casePath = (id: string) => `/cases/${encodeURIComponent(id)}`;

export function Cases() {
  const { t, dateTime } = useI18n();
  const [state, setState] = useState<'' | 'open' | 'closed'>('open');
  const list = usePaged<CaseRecord>('/cases', state ? `state=${state}` : '');
  const items = list.data?.items ?? [];
  return (
    <>
      <h1 tabIndex={-1}>{t('cases.title')}</h1>
      {/* A new case opens at once, where its owner adds the coordinated measures. */}
      <CaseForm onOpened={(c) => navigate(casePath(c.id))} />
      <section className="card" aria-label={t('cases.title')}>
        <div className="toolbar">
          <label>
            {t('cases.state')}{' '}
            <select value={state} onChange={(e) => setState(e.target.value as typeof state)}>
              <option value="">{t('cases.all')}</option>
              <option value="open">{t('cstate.open')}</option>
              <option value="closed">{t('cstate.closed')}</option>
            </select>
          </label>
        </div>
        {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
        {list.loading && !list.data && <Loading />}
        {list.data && items.length === 0 && <p className="muted">{t('common.none')}</p>}
        {items.length > 0 && (
          <div className="table-wrap">
            <table className="cases">
              <thead>
                <tr>
                  <th scope="col">{t('cases.case')}</th>
                  <th scope="col">{t('cases.state')}</th>
                  <th scope="col">{t('cases.owner')}</th>
                  <th scope="col">{t('cases.participants')}</th>
                  <th scope="col">{t('cases.measuresDone')}</th>
                  <th scope="col">{t('cases.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id}>
                    <td className="name">
                      <TlpLevelBadge level={c.tlp} /> <Link to={casePath(c.id)}>{c.title}</Link>
                    </td>
                    <td>
                      <span className={`state cstate-${c.state}`}>{t(`cstate.${c.state}`)}</span>
                    </td>
                    <td>
                      <Party code={c.owner} short />
                    </td>
                    <td>
                      {c.participants.map((p) => (
                        <Party key={p} code={p} short />
                      ))}
                    </td>
                    <td>
                      {c.measures.filter((m) => m.state === 'done').length} / {c.measures.length}
                    </td>
                    <td>{dateTime(c.updated_at)}</td>
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

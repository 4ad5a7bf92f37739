import { ErrorBox } from '../components/ErrorBox.js';
import { Loading } from '../components/Loading.js';
import { Obligations } from '../components/Obligations.js';
import { Party } from '../components/Party.js';
import { partyDates, TreatyTimeline } from '../components/TreatyTimeline.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { useAgreementDoc } from '../lib/parties.js';
import type { AgreementStatus } from '../lib/types.js';
import { useApi } from '../lib/use-api.js';

export function Agreement() {
  const { t, date, lang, has } = useI18n();
  const doc = useAgreementDoc();
  const status = useApi((signal) => api<AgreementStatus>('/agreement/status', { signal }), 'status');
  const today = status.data?.at ?? new Date().toISOString().slice(0, 10);
  const rows = status.data?.parties.map((p) => partyDates(doc, p)) ?? [];
  const eventName = (kind: string) => {
    const key = `event.${kind}`;
    return has(key) ? t(key) : t('event.other', { kind });
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('agreement.title')}</h1>
      {doc?.definition.title && <p className="lead">{doc.definition.title[lang]}</p>}
      {doc?.definition.signed && (
        <p className="muted">
          {t('agreement.signedAt', {
            place: doc.definition.signed.place?.[lang] ?? '',
            date: date(doc.definition.signed.date),
          })}
        </p>
      )}
      <section className="card" aria-labelledby="ag-parties">
        <h2 id="ag-parties">{t('agreement.parties')}</h2>
        {status.error !== undefined && <ErrorBox error={status.error} onRetry={status.reload} />}
        {status.loading && <Loading />}
        {status.data && (
          <>
            <p className={status.data.in_force ? 'ok' : 'warn'}>
              {status.data.in_force && status.data.since
                ? t('agreement.inForce', { date: date(status.data.since) })
                : t('agreement.notInForce')}
            </p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('agreement.party')}</th>
                    <th scope="col">{t('agreement.state')}</th>
                    <th scope="col">{t('agreement.signed')}</th>
                    <th scope="col">{t('agreement.notified')}</th>
                    <th scope="col">{t('agreement.inForceFrom')}</th>
                    <th scope="col">{t('agreement.withdrawal')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((p) => (
                    <tr key={p.code}>
                      <th scope="row">
                        <Party code={p.code} />
                      </th>
                      <td>
                        <span className={`state state-${p.state}`}>{t(`state.${p.state}`)}</span>
                      </td>
                      <td className="date">{date(p.signed)}</td>
                      <td className="date">{date(p.notified)}</td>
                      <td className="date">{date(p.inForceFrom)}</td>
                      <td>
                        {p.noticeOn ? (
                          <>
                            <span className="nowrap">
                              {t('agreement.noticeOnDate', { date: date(p.noticeOn) })}
                            </span>
                            <br />
                            <span className="nowrap">
                              {t('agreement.effectiveOnDate', { date: date(p.effectiveOn) })}
                            </span>
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3>{t('agreement.picture')}</h3>
            <p className="muted small">
              {t('agreement.today')}: {date(today)}
            </p>
            <TreatyTimeline rows={rows} today={today} />
          </>
        )}
      </section>
      {status.data?.parties.some((p) => p.state === 'withdrawn' || p.state === 'withdrawal-pending') && (
        <section className="card" aria-labelledby="ag-obligations">
          <h2 id="ag-obligations">{t('obligations.title')}</h2>
          {status.data.parties
            .filter((p) => p.state === 'withdrawn' || p.state === 'withdrawal-pending')
            .map((p) => (
              <Obligations key={p.code} party={p.code} />
            ))}
        </section>
      )}
      <section className="card" aria-labelledby="ag-timeline">
        <h2 id="ag-timeline">{t('agreement.timeline')}</h2>
        {!doc && <Loading />}
        <ol className="timeline">
          {doc?.events.map((e, i) => {
            const party = 'party' in e ? e.party : undefined;
            return (
              <li key={`${e.kind}-${e.date}-${party ?? i}`} className={`ev ev-${e.kind}`}>
                <time dateTime={e.date}>{date(e.date)}</time>
                <span className="ev-kind">{eventName(e.kind)}</span>
                {party && <Party code={party} />}
                {'parties' in e && e.parties?.map((p) => <Party key={p} code={p} short />)}
              </li>
            );
          })}
        </ol>
      </section>
    </>
  );
}

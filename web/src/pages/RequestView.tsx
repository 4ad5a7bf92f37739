import { useEffect, useState } from 'react';
import { ErrorBox } from '../components/ErrorBox.js';
import { Deadline, History } from '../components/Exchange.js';
import { Link, objectPath } from '../components/Link.js';
import { Loading } from '../components/Loading.js';
import { TlpLevelBadge } from '../components/Markings.js';
import { Party } from '../components/Party.js';
import { RequestMoves } from '../components/RequestMoves.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import type { AccordRequest, RequestResponse } from '../lib/exchange-types.js';
import { useApi } from '../lib/use-api.js';
import { StateBadge } from './Requests.js';

function Refs({ ids }: { ids: string[] | undefined }) {
  if (!ids || ids.length === 0) return null;
  return (
    <ul className="plain small">
      {ids.map((id) => (
        <li key={id}>
          <Link to={objectPath(id)} className="mono">
            {id}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Response({ resp }: { resp: RequestResponse }) {
  const { t, dateTime } = useI18n();
  return (
    <dl className="facts response">
      <dt>{t('requests.respondedAt')}</dt>
      <dd>
        {dateTime(resp.at)} · {resp.by}
      </dd>
      {resp.answer && (
        <>
          <dt>{t('requests.answer')}</dt>
          <dd className="prewrap">{resp.answer}</dd>
        </>
      )}
      {resp.ground && (
        <>
          <dt>{t('requests.ground')}</dt>
          <dd className="prewrap">{resp.ground}</dd>
        </>
      )}
      {resp.blocked && resp.blocked.length > 0 && (
        <>
          <dt>{t('requests.blocked')}</dt>
          <dd>
            <ul className="plain">
              {resp.blocked.map((b) => (
                <li key={b.value}>
                  <code>{b.value}</code> — {dateTime(b.blocked_at)}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {resp.refused && resp.refused.length > 0 && (
        <>
          <dt>{t('requests.refused')}</dt>
          <dd>
            <ul className="plain">
              {resp.refused.map((b) => (
                <li key={b.value}>
                  <code>{b.value}</code> — {b.reason}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {resp.object_refs && resp.object_refs.length > 0 && (
        <>
          <dt>{t('requests.objects')}</dt>
          <dd>
            <Refs ids={resp.object_refs} />
          </dd>
        </>
      )}
    </dl>
  );
}

const PURPOSES = ['determine-source', 'stop-infrastructure'] as const;

/** The purpose in words; one this console does not know (a newer peer's) as it came. */
function purposeText(p: string, t: ReturnType<typeof useI18n>['t']): string {
  const known = PURPOSES.find((x) => x === p);
  return known ? t(`purpose.${known}`) : p;
}

export function RequestView({ id }: { id: string }) {
  const { t, dateTime } = useI18n();
  const loaded = useApi(
    (signal) => api<AccordRequest>(`/requests/${encodeURIComponent(id)}`, { signal }),
    `request|${id}`,
  );
  const [r, setR] = useState<AccordRequest | undefined>();
  useEffect(() => setR(loaded.data), [loaded.data]);
  if (loaded.error !== undefined)
    return (
      <>
        <h1 tabIndex={-1}>{t('requests.one')}</h1>
        <ErrorBox error={loaded.error} onRetry={loaded.reload} />
      </>
    );
  if (!r) return <Loading />;
  const field = (label: string, value: React.ReactNode) =>
    value ? (
      <>
        <dt>{label}</dt>
        <dd>{value}</dd>
      </>
    ) : null;
  return (
    <>
      <p>
        <Link to="/requests">← {t('nav.requests')}</Link>
      </p>
      <div className="object-head">
        <TlpLevelBadge level={r.tlp} />
        <h1 tabIndex={-1}>{r.summary}</h1>
      </div>
      <section className="card" aria-labelledby="rq-facts">
        <h2 id="rq-facts">
          {t(`rkind.${r.kind}`)} · <StateBadge state={r.state} />
        </h2>
        <dl className="facts">
          {field(t('requests.requester'), <Party code={r.requester} />)}
          {field(t('requests.addressee'), <Party code={r.addressee} />)}
          {field(t('requests.sentAt'), r.sent_at && dateTime(r.sent_at))}
          {field(t('exchange.deadline'), <Deadline at={r.deadline} overdue={r.overdue} />)}
          {field(t('requests.reminders'), r.reminders > 0 && String(r.reminders))}
          {field(t('requests.legalBasis'), r.legal_basis)}
          {field(t('requests.caseReference'), r.case_reference)}
          {field(t('requests.purpose'), r.purpose && purposeText(r.purpose, t))}
          {field(
            t('requests.indicators'),
            r.indicators && r.indicators.length > 0 && <code>{r.indicators.join(', ')}</code>,
          )}
          {field(
            t('requests.resources'),
            r.resources && r.resources.length > 0 && (
              <ul className="plain">
                {r.resources.map((x) => (
                  <li key={x.value}>
                    <code>{x.value}</code> <span className="muted small">{x.type}</span>
                  </li>
                ))}
              </ul>
            ),
          )}
          {field(t('requests.evidence'), r.evidence && <span className="prewrap">{r.evidence}</span>)}
          {field(t('requests.details'), r.details && <span className="prewrap">{r.details}</span>)}
          {field(
            t('requests.objects'),
            r.object_refs && r.object_refs.length > 0 && <Refs ids={r.object_refs} />,
          )}
        </dl>
      </section>
      {r.response && (
        <section className="card" aria-labelledby="rq-response">
          <h2 id="rq-response">{t('requests.response')}</h2>
          <Response resp={r.response} />
        </section>
      )}
      <section className="card" aria-labelledby="rq-moves">
        <h2 id="rq-moves">{t('requests.moves')}</h2>
        <RequestMoves key={r.state} r={r} onMoved={setR} />
      </section>
      <section className="card" aria-labelledby="rq-history">
        <h2 id="rq-history">{t('requests.history')}</h2>
        <History entries={r.history} />
      </section>
    </>
  );
}

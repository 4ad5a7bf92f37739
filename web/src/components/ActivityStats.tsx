import { useState } from 'react';
import { type MessageKey, useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { REQUEST_STATES } from '../lib/exchange-types.js';
import type { ActivityStats } from '../lib/types.js';
import { useApi } from '../lib/use-api.js';
import { DateField } from './DateField.js';
import { ErrorBox } from './ErrorBox.js';
import { Loading } from './Loading.js';
import { Party, usePartyName } from './Party.js';
import { type Series, StackedBars } from './StackedBars.js';

const DAY = 86_400_000;
const SEVERITIES = ['critical', 'high', 'medium', 'low'];
// The chart counts requests that were sent; a draft is not one of them.
const SENT_STATES = REQUEST_STATES.filter((x) => x !== 'draft');

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += DAY)
    out.push(isoDay(d));
  return out;
}

/** A STIX or Accord type in the reader's language, the code itself when the dictionary has none. */
export function useTypeName() {
  const { t, has } = useI18n();
  return (type: string) => {
    const key = `otype.${type}`;
    return has(key) ? t(key) : type;
  };
}

/** The Overview's charts, counted on the node over a period the reader picks. */
export function ActivityPanel({ parties }: { parties: string[] }) {
  const { t, date, lang, num } = useI18n();
  const partyName = usePartyName();
  const typeName = useTypeName();
  const today = isoDay(Date.now());
  const [to, setTo] = useState(today);
  const [from, setFrom] = useState(isoDay(Date.now() - 13 * DAY));
  const [by, setBy] = useState<'party' | 'type'>('party');
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to);
  const stats = useApi(
    (signal) =>
      valid
        ? api<ActivityStats>(`/stats/activity?from=${from}&to=${to}`, { signal })
        : Promise.resolve(undefined),
    `${from}|${to}`,
  );
  const dayMonth = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const s = stats.data;
  const partySeries = (codes: string[]): Series[] =>
    [...parties.filter((p) => codes.includes(p)), ...codes.filter((p) => !parties.includes(p)).sort()].map(
      (p) => ({ key: p, label: <Party code={p} short />, text: partyName(p) }),
    );
  const objectSeries: Series[] = s
    ? by === 'party'
      ? partySeries([...new Set(s.objects.map((o) => o.party))])
      : [...new Set(s.objects.map((o) => o.type))]
          .sort()
          .map((x) => ({ key: x, label: typeName(x), text: typeName(x) }))
    : [];
  const perDay = new Map<string, number>();
  for (const o of s?.objects ?? []) {
    const k = `${o.day}|${by === 'party' ? o.party : o.type}`;
    perDay.set(k, (perDay.get(k) ?? 0) + o.count);
  }
  const requestParties = partySeries([...new Set(s?.requests.map((r) => r.party) ?? [])]);
  const hours = (h: number | null) => (h === null ? '—' : t('stats.hours', { n: h }));
  return (
    <section className="card" aria-labelledby="ov-activity">
      <h2 id="ov-activity">{t('overview.activity')}</h2>
      <div className="toolbar">
        <label htmlFor="stats-from">{t('stats.from')}</label>
        <DateField id="stats-from" value={from} max={to} onChange={setFrom} />
        <label htmlFor="stats-to">{t('stats.to')}</label>
        <DateField id="stats-to" value={to} min={from} max={today} onChange={setTo} />
        <label>
          {t('stats.groupBy')}{' '}
          <select value={by} onChange={(e) => setBy(e.target.value as 'party' | 'type')}>
            <option value="party">{t('stats.byParty')}</option>
            <option value="type">{t('stats.byType')}</option>
          </select>
        </label>
      </div>
      {stats.error !== undefined && <ErrorBox error={stats.error} onRetry={stats.reload} />}
      {stats.loading && <Loading />}
      {s && (
        <>
          <p className="muted small">
            {t('stats.period', { from: date(s.from), to: date(s.to) })}
            {!s.complete && ` ${t('stats.incomplete')}`}
          </p>
          <h3>{by === 'party' ? t('stats.objectsByParty') : t('stats.objectsByType')}</h3>
          <StackedBars
            title={by === 'party' ? t('stats.objectsByParty') : t('stats.objectsByType')}
            categories={daysOf(s.from, s.to).map((d) => ({ key: d, text: date(d) }))}
            series={objectSeries}
            value={(d, k) => perDay.get(`${d}|${k}`) ?? 0}
            categoryLabel={t('stats.day')}
            tickLabel={(d) => dayMonth.format(new Date(`${d}T00:00:00Z`))}
          />
          <div className="grid">
            <div>
              <h3>{t('stats.notificationsBySeverity')}</h3>
              <StackedBars
                horizontal
                title={t('stats.notificationsBySeverity')}
                categories={SEVERITIES.map((x) => ({ key: x, text: t(`severity.${x}` as MessageKey) }))}
                series={[{ key: 'n', label: t('stats.notifications'), text: t('stats.notifications') }]}
                value={(c) => s.notifications.find((n) => n.severity === c)?.count ?? 0}
                categoryLabel={t('stats.severity')}
              />
            </div>
            <div>
              <h3>{t('stats.requestsByState')}</h3>
              <StackedBars
                horizontal
                title={t('stats.requestsByState')}
                categories={SENT_STATES.map((x) => ({ key: x, text: t(`rstate.${x}` as MessageKey) }))}
                series={requestParties}
                value={(c, p) => s.requests.find((r) => r.state === c && r.party === p)?.count ?? 0}
                categoryLabel={t('requests.state')}
              />
            </div>
          </div>
          <h3 id="ov-timeliness">{t('stats.timeliness')}</h3>
          {s.timeliness.length === 0 ? (
            <p className="muted">{t('common.none')}</p>
          ) : (
            <div className="table-wrap">
              <table aria-labelledby="ov-timeliness">
                <thead>
                  <tr>
                    <th scope="col">{t('stats.party')}</th>
                    <th scope="col">{t('stats.acknowledged')}</th>
                    <th scope="col">{t('stats.ackTime')}</th>
                    <th scope="col">{t('stats.answered')}</th>
                    <th scope="col">{t('stats.answerTime')}</th>
                    <th scope="col">{t('stats.overdueOpen')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.timeliness.map((r) => (
                    <tr key={r.party}>
                      <th scope="row">
                        <Party code={r.party} />
                      </th>
                      <td>
                        <Ratio part={r.acknowledged_in_time} whole={r.delivered} />{' '}
                        {t('stats.inTimeOf', { n: num(r.acknowledged_in_time), of: num(r.delivered) })}
                      </td>
                      <td>{hours(r.median_ack_hours)}</td>
                      <td>
                        <Ratio part={r.answered_in_time} whole={r.requests} />{' '}
                        {t('stats.inTimeOf', { n: num(r.answered_in_time), of: num(r.requests) })}
                      </td>
                      <td>{hours(r.median_answer_hours)}</td>
                      <td className={r.overdue_open > 0 ? 'warn' : undefined}>{num(r.overdue_open)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** A small bar: how much of the whole was done in time (the text next to it says it in words). */
function Ratio({ part, whole }: { part: number; whole: number }) {
  const w = whole === 0 ? 0 : (part / whole) * 60;
  return (
    <svg width="64" height="10" aria-hidden="true" className="ratio">
      <rect x="0" y="1" width="62" height="8" fill="#2a313b" />
      <rect x="0" y="1" width={w} height="8" fill="#009E73" />
    </svg>
  );
}

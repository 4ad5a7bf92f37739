import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import type { ObjectPage } from '../lib/types.js';
import { useApi } from '../lib/use-api.js';
import { Party, usePartyName } from './Party.js';

interface Seen {
  party: string;
  first: string;
  last: string;
  count: number;
}

const ms = (iso: string) => Date.parse(iso);

/**
 * Who sighted this object and when: one row per Party that reported a sighting the reader may
 * see (the node's /cited-by), each sighting a bar from first to last seen.
 */
export function SightingsTimeline({ id }: { id: string }) {
  const { t, date, num, lang } = useI18n();
  const name = usePartyName();
  const r = useApi(
    (signal) => api<ObjectPage>(`/objects/${encodeURIComponent(id)}/cited-by?limit=200`, { signal }),
    `cited:${id}`,
  );
  const seen: Seen[] = (r.data?.items ?? [])
    .filter((i) => i.object.type === 'sighting')
    .map(({ object: o, meta }) => {
      const first = String(o.first_seen ?? o.created ?? meta.date_added);
      return {
        party: meta.originator,
        first,
        last: String(o.last_seen ?? first),
        count: typeof o.count === 'number' ? o.count : 1,
      };
    });
  if (seen.length === 0) return null;
  const parties = [...new Set(seen.map((s) => s.party))].sort();
  const start = Math.min(...seen.map((s) => ms(s.first)));
  const end = Math.max(start + 86_400_000, ...seen.map((s) => ms(s.last)));
  const W = 700;
  const L = 170;
  const ROW = 28;
  const H = parties.length * ROW + 28;
  const x = (iso: string) => L + ((ms(iso) - start) / (end - start)) * (W - L - 20);
  const day = new Intl.DateTimeFormat(lang, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return (
    <section className="card" aria-labelledby="sightings-title">
      <h2 id="sightings-title">{t('object.sightingsByParty')}</h2>
      <figure className="chart">
        <svg viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
          {parties.map((p, i) => (
            <g key={p}>
              <text x={L - 8} y={i * ROW + 20} textAnchor="end" fontSize="12" fill="#ddd">
                {name(p)}
              </text>
              <line x1={L} y1={i * ROW + 16} x2={W - 10} y2={i * ROW + 16} stroke="#2a313b" />
              {seen
                .filter((s) => s.party === p)
                .map((s) => (
                  <rect
                    key={`${s.first}-${s.last}-${s.count}`}
                    x={x(s.first) - 3}
                    y={i * ROW + 10}
                    width={Math.max(6, x(s.last) - x(s.first) + 6)}
                    height={12}
                    rx={6}
                    fill="#F0E442"
                  />
                ))}
            </g>
          ))}
          <text x={L} y={H - 4} fontSize="11" fill="#aaa">
            {day.format(new Date(start))}
          </text>
          <text x={W - 10} y={H - 4} fontSize="11" fill="#aaa" textAnchor="end">
            {day.format(new Date(end))}
          </text>
        </svg>
      </figure>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('stats.party')}</th>
              <th scope="col">{t('object.firstSeen')}</th>
              <th scope="col">{t('object.lastSeen')}</th>
              <th scope="col">{t('object.timesSeen')}</th>
            </tr>
          </thead>
          <tbody>
            {seen.map((s) => (
              <tr key={`${s.party}-${s.first}-${s.last}-${s.count}`}>
                <th scope="row">
                  <Party code={s.party} />
                </th>
                <td>{date(s.first)}</td>
                <td>{date(s.last)}</td>
                <td>{num(s.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

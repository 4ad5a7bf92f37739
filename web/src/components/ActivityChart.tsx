import { useI18n } from '../i18n/index.js';
import type { Item } from '../lib/types.js';
import { Party } from './Party.js';

// Distinct on black and for the common colour-vision deficiencies (Okabe–Ito palette).
const COLOURS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#FFFFFF'];
const DAYS = 14;

/** Objects per originating Party per day over the last two weeks, as stacked bars with a table for screen readers. */
export function ActivityChart({ items, parties }: { items: Item[]; parties: string[] }) {
  const { t, date, num, lang } = useI18n();
  const dayMonth = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const today = new Date();
  const days = Array.from({ length: DAYS }, (_, i) => {
    const d = new Date(
      Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (DAYS - 1 - i)),
    );
    return d.toISOString().slice(0, 10);
  });
  const counts = new Map<string, Map<string, number>>();
  const seen = new Set<string>();
  for (const { meta } of items) {
    const day = meta.date_added.slice(0, 10);
    if (!days.includes(day)) continue;
    seen.add(meta.originator);
    const row = counts.get(day) ?? new Map<string, number>();
    row.set(meta.originator, (row.get(meta.originator) ?? 0) + 1);
    counts.set(day, row);
  }
  const order = [...parties.filter((p) => seen.has(p)), ...[...seen].filter((p) => !parties.includes(p))];
  const colour = (p: string) => COLOURS[Math.max(0, parties.indexOf(p)) % COLOURS.length]!;
  const max = Math.max(
    1,
    ...days.map((d) => [...(counts.get(d)?.values() ?? [])].reduce((a, b) => a + b, 0)),
  );
  const W = 700;
  const H = 180;
  const bw = W / DAYS;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H + 24}`} role="img" aria-label={t('overview.activity')}>
        <line x1="0" y1={H} x2={W} y2={H} stroke="#888" />
        {days.map((d, i) => {
          let y = H;
          return (
            <g key={d}>
              {order.map((p) => {
                const n = counts.get(d)?.get(p) ?? 0;
                if (n === 0) return null;
                const h = (n / max) * (H - 10);
                y -= h;
                return (
                  <rect key={p} x={i * bw + 4} y={y} width={bw - 8} height={h} fill={colour(p)}>
                    <title>{`${p} · ${date(d)} · ${num(n)}`}</title>
                  </rect>
                );
              })}
              {i % 2 === 0 && (
                <text x={i * bw + bw / 2} y={H + 16} textAnchor="middle" fontSize="11" fill="#ccc">
                  {dayMonth.format(new Date(`${d}T00:00:00Z`))}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend">
          {order.map((p) => (
            <li key={p}>
              <span className="swatch" style={{ background: colour(p) }} aria-hidden="true" />
              <Party code={p} short />
            </li>
          ))}
        </ul>
      </figcaption>
      <table className="visually-hidden">
        <caption>{t('overview.activity')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('objects.added')}</th>
            {order.map((p) => (
              <th key={p} scope="col">
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d}>
              <th scope="row">{date(d)}</th>
              {order.map((p) => (
                <td key={p}>{num(counts.get(d)?.get(p) ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

import { useI18n } from '../i18n/index.js';
import type { AgreementDoc, PartyStatus } from '../lib/types.js';
import { usePartyName } from './Party.js';

/** The dates that make up one Party's life under the Agreement, from the events and today's status. */
export interface PartyDates {
  code: string;
  state: PartyStatus['state'];
  signed?: string | undefined;
  notified?: string | undefined;
  inForceFrom?: string | undefined;
  noticeOn?: string | undefined;
  /** The day the withdrawal takes effect: six months after the depositary received the notice. */
  effectiveOn?: string | undefined;
}

export function partyDates(doc: AgreementDoc | undefined, p: PartyStatus): PartyDates {
  const of = (kind: string) =>
    doc?.events.find((e) => e.kind === kind && 'party' in e && e.party === p.code)?.date;
  return {
    code: p.code,
    state: p.state,
    signed: p.signed_on ?? of('signature'),
    notified: p.notified_on ?? of('ratification-notified'),
    inForceFrom:
      p.state === 'in-force' || p.state === 'withdrawal-pending'
        ? p.since
        : p.state === 'withdrawn'
          ? p.in_force_from
          : undefined,
    noticeOn: p.notice_received_on ?? of('withdrawal-notified'),
    effectiveOn:
      p.state === 'withdrawal-pending' ? p.effective_on : p.state === 'withdrawn' ? p.since : undefined,
  };
}

const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);

/**
 * Signature, entry into force and withdrawal of each Party on one time axis, with today
 * marked. The drawing is for the eye; the table beside it says the same for a screen reader.
 */
export function TreatyTimeline({ rows, today }: { rows: PartyDates[]; today: string }) {
  const { t, date, lang } = useI18n();
  const name = usePartyName();
  const all = rows.flatMap((r) => [r.signed, r.notified, r.inForceFrom, r.noticeOn, r.effectiveOn]);
  const known = all.filter((d): d is string => Boolean(d));
  if (known.length === 0) return null;
  const start = Math.min(...known.map(ms));
  const end = Math.max(ms(today), ...known.map(ms)) + 180 * 86_400_000;
  const W = 900;
  const L = 170;
  const ROW = 34;
  const H = rows.length * ROW + 30;
  const x = (d: string) => L + ((ms(d) - start) / (end - start)) * (W - L - 10);
  const years: number[] = [];
  for (let y = new Date(start).getUTCFullYear() + 1; y <= new Date(end).getUTCFullYear(); y++) years.push(y);
  const yearFmt = new Intl.DateTimeFormat(lang, { year: 'numeric', timeZone: 'UTC' });
  return (
    <figure className="chart treaty-timeline">
      <svg viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
        {years.map((y) => {
          const d = `${y}-01-01`;
          return (
            <g key={y}>
              <line x1={x(d)} y1={0} x2={x(d)} y2={H - 20} stroke="#333" />
              <text x={x(d)} y={H - 6} fontSize="11" fill="#aaa" textAnchor="middle">
                {yearFmt.format(new Date(ms(d)))}
              </text>
            </g>
          );
        })}
        {rows.map((r, i) => {
          const y = i * ROW + 18;
          const until = r.effectiveOn && r.effectiveOn <= today ? r.effectiveOn : today;
          return (
            <g key={r.code}>
              <text x={L - 8} y={y + 4} fontSize="12" fill="#ddd" textAnchor="end">
                {name(r.code)}
              </text>
              <line x1={L} y1={y} x2={W - 10} y2={y} stroke="#2a313b" />
              {r.signed && (
                <line
                  x1={x(r.signed)}
                  y1={y}
                  x2={x(r.inForceFrom ?? until)}
                  y2={y}
                  stroke="#8a96a6"
                  strokeWidth="3"
                  strokeDasharray="4 3"
                >
                  <title>{t('state.signatory')}</title>
                </line>
              )}
              {r.inForceFrom && (
                <rect
                  x={x(r.inForceFrom)}
                  y={y - 6}
                  width={Math.max(2, x(r.noticeOn ?? until) - x(r.inForceFrom))}
                  height={12}
                  fill="#009E73"
                >
                  <title>{`${t('state.in-force')}: ${date(r.inForceFrom)}`}</title>
                </rect>
              )}
              {r.noticeOn && r.effectiveOn && (
                <rect
                  x={x(r.noticeOn)}
                  y={y - 6}
                  width={Math.max(2, x(r.effectiveOn) - x(r.noticeOn))}
                  height={12}
                  fill="#E69F00"
                >
                  <title>{`${t('state.withdrawal-pending')}: ${date(r.noticeOn)} – ${date(r.effectiveOn)}`}</title>
                </rect>
              )}
              {r.signed && <circle cx={x(r.signed)} cy={y} r={5} fill="#56B4E9" />}
              {r.notified && <path d={`M${x(r.notified)} ${y - 6} l6 6 l-6 6 l-6 -6 z`} fill="#F0E442" />}
              {r.effectiveOn && (
                <line
                  x1={x(r.effectiveOn)}
                  y1={y - 10}
                  x2={x(r.effectiveOn)}
                  y2={y + 10}
                  stroke="#D55E00"
                  strokeWidth="3"
                />
              )}
            </g>
          );
        })}
        <line x1={x(today)} y1={0} x2={x(today)} y2={H - 20} stroke="#ffd84d" strokeWidth="2" />
        <text x={x(today)} y={10} fontSize="11" fill="#ffd84d" textAnchor="end" dx="-4">
          {t('agreement.today')}
        </text>
      </svg>
      <figcaption>
        <ul className="legend">
          <li>
            <span className="swatch round" style={{ background: '#56B4E9' }} aria-hidden="true" />
            {t('event.signature')}
          </li>
          <li>
            <span className="swatch" style={{ background: '#F0E442' }} aria-hidden="true" />
            {t('event.ratification-notified')}
          </li>
          <li>
            <span className="swatch" style={{ background: '#009E73' }} aria-hidden="true" />
            {t('state.in-force')}
          </li>
          <li>
            <span className="swatch" style={{ background: '#E69F00' }} aria-hidden="true" />
            {t('agreement.noticePeriod')}
          </li>
          <li>
            <span className="swatch" style={{ background: '#D55E00' }} aria-hidden="true" />
            {t('event.withdrawal-effective')}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}

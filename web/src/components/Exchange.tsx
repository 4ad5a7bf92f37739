import type { MessageKey } from '../i18n/index.js';
import { useI18n } from '../i18n/index.js';
import type { HistoryEntry } from '../lib/exchange-types.js';
import { Party } from './Party.js';

// Small pieces the exchange pages share: a deadline that says when it has passed, the
// inbox/sent switch, and a record's history as a timeline.

export function Deadline({ at, overdue, day = false }: { at: string; overdue: boolean; day?: boolean }) {
  const { t, date, dateTime } = useI18n();
  return (
    <span className={overdue ? 'deadline overdue' : 'deadline'}>
      <time dateTime={at}>{day ? date(at) : dateTime(at)}</time>
      {overdue && <span className="tag tag-overdue">{t('exchange.overdue')}</span>}
    </span>
  );
}

export type Box = 'inbox' | 'sent';

export function BoxSwitch({
  box,
  onChange,
  labels,
}: {
  box: Box;
  onChange(box: Box): void;
  labels: Record<Box, MessageKey>;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="switch" aria-label={t('exchange.box')}>
      {(['inbox', 'sent'] as const).map((b) => (
        <button key={b} type="button" aria-pressed={b === box} onClick={() => onChange(b)}>
          {t(labels[b])}
        </button>
      ))}
    </fieldset>
  );
}

/** What happened to a record, oldest first: when, which Party (and user), what, and any note or ground. */
export function History({ entries }: { entries: HistoryEntry[] }) {
  const { t, dateTime, has } = useI18n();
  if (entries.length === 0) return <p className="muted">{t('common.none')}</p>;
  return (
    <ol className="timeline history">
      {entries.map((e) => {
        const d = e.details ?? {};
        // Every action the server records has a key (test/web/i18n-codes.test.ts).
        const key = `history.${e.action}`;
        const label = has(key) ? t(key) : t('history.other', { action: e.action });
        const extra = [d.note, d.ground, d.title]
          .filter((x): x is string => typeof x === 'string' && x.length > 0)
          .join(' · ');
        return (
          <li key={e.seq} className={`ev ev-${e.action}`}>
            <time dateTime={e.at}>{dateTime(e.at)}</time>
            <span className="ev-kind">
              {label}
              {typeof d.to === 'string' && e.action.startsWith('measure') && (
                <> → {t(`measure.${d.to}` as MessageKey)}</>
              )}
            </span>
            <Party code={e.actor.party} short />
            {e.actor.user && <span className="muted small">{e.actor.user}</span>}
            {extra && <span className="small">{extra}</span>}
          </li>
        );
      })}
    </ol>
  );
}

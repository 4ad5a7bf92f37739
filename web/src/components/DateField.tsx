// A date (or date and time) typed and shown in the console's language, not the browser's:
// a native date input draws its digits in the browser's own locale, so a Russian page on an
// English browser showed 11/20/2026. The value given and taken stays ISO 8601
// (YYYY-MM-DD, or YYYY-MM-DDTHH:mm with `time`), as the native input's was; ISO typed in is
// read too. The calendar button opens the browser's picker on a hidden native input.

import { type InputHTMLAttributes, useEffect, useId, useMemo, useRef, useState } from 'react';
import '../forms.css';
import { type Lang, useI18n } from '../i18n/index.js';

type Part = 'day' | 'month' | 'year';

/** The order and separator of a numeric date in a language, from Intl itself. */
export function datePattern(lang: Lang): { order: Part[]; sep: string } {
  const parts = new Intl.DateTimeFormat(lang, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(new Date(Date.UTC(2026, 10, 20)));
  const order = parts
    .filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year')
    .map((p) => p.type as Part);
  const sep = parts.find((p) => p.type === 'literal')?.value ?? '.';
  return { order, sep };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO → the language's digits ("2026-11-20" → "20.11.2026" in Russian). */
export function formatDateText(iso: string, lang: Lang, time: boolean): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return '';
  const { order, sep } = datePattern(lang);
  const by: Record<Part, string> = { year: m[1]!, month: m[2]!, day: m[3]! };
  const date = order.map((p) => by[p]).join(sep);
  return time && m[4] ? `${date} ${m[4]}:${m[5]}` : date;
}

/** The language's digits (or ISO) → ISO, or null when it is not a real date. */
export function parseDateText(text: string, lang: Lang, time: boolean): string | null {
  const s = text.trim();
  let y: number;
  let mo: number;
  let d: number;
  let rest: string;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](.*))?$/.exec(s);
  if (iso) {
    [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    rest = iso[4] ?? '';
  } else {
    const m = /^(\d{1,4})\D(\d{1,2})\D(\d{1,4})(?:,?\s+(.*))?$/.exec(s);
    if (!m) return null;
    const { order } = datePattern(lang);
    const got: Record<Part, number> = { day: 0, month: 0, year: 0 };
    order.forEach((p, i) => {
      got[p] = Number(m[i + 1]);
    });
    [y, mo, d] = [got.year, got.month, got.day];
    rest = m[4] ?? '';
  }
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return null;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1) return null;
  const date = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
  if (!time) return rest === '' ? date : null;
  if (rest === '') return `${date}T00:00`;
  const t = /^(\d{1,2}):(\d{2})$/.exec(rest);
  if (!t || Number(t[1]) > 23 || Number(t[2]) > 59) return null;
  return `${date}T${pad(Number(t[1]))}:${t[2]}`;
}

type Native = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'min' | 'max'>;

export function DateField({
  value,
  onChange,
  time = false,
  min,
  max,
  ...rest
}: Native & {
  value: string;
  onChange: (iso: string) => void;
  time?: boolean;
  min?: string;
  max?: string;
}) {
  const { lang, t } = useI18n();
  const [text, setText] = useState(() => formatDateText(value, lang, time));
  const input = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const placeholder = useMemo(() => {
    const { order, sep } = datePattern(lang);
    const date = order.map((p) => t(`date.${p}`)).join(sep);
    return time ? `${date} ${t('date.hhmm')}` : date;
  }, [lang, time, t]);

  // A value set from outside (a reset, the picker, another language) is shown afresh.
  useEffect(() => {
    setText((shown) =>
      parseDateText(shown, lang, time) === value ? shown : formatDateText(value, lang, time),
    );
  }, [value, lang, time]);

  const check = (s: string): string | null => {
    if (s.trim() === '') return '';
    const iso = parseDateText(s, lang, time);
    if (iso === null) return null;
    if ((min && iso < min) || (max && iso > max)) return null;
    return iso;
  };
  const apply = (s: string) => {
    setText(s);
    const iso = check(s);
    input.current?.setCustomValidity(iso === null ? t('date.invalid', { pattern: placeholder }) : '');
    if (iso !== null) onChange(iso);
  };

  return (
    <span className={time ? 'date-field with-time' : 'date-field'}>
      <input
        {...rest}
        ref={input}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={placeholder}
        aria-describedby={hintId}
        value={text}
        onChange={(e) => apply(e.target.value)}
      />
      <span id={hintId} className="visually-hidden">
        {t('date.format', { pattern: placeholder })}
      </span>
      <input
        ref={picker}
        type={time ? 'datetime-local' : 'date'}
        className="date-field-native"
        tabIndex={-1}
        aria-hidden="true"
        value={value}
        min={min}
        max={max}
        onChange={(e) => apply(formatDateText(e.target.value, lang, time))}
      />
      <button
        type="button"
        className="date-field-pick"
        aria-label={t('date.pick')}
        title={t('date.pick')}
        onClick={() => picker.current?.showPicker?.()}
      >
        📅
      </button>
    </span>
  );
}

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en, type MessageKey } from './en.js';
import { ru } from './ru.js';

export type Lang = 'en' | 'ru';
export const LANGS: readonly Lang[] = ['en', 'ru'];
const DICTS: Record<Lang, Record<MessageKey, string>> = { en, ru };
const STORAGE_KEY = 'accord.lang';

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** Whether the dictionary has a key built from a code the server sent. */
  has(key: string): key is MessageKey;
  date(iso: string | undefined | null): string;
  dateTime(iso: string | undefined | null): string;
  num(n: number): string;
}

function initialLang(): Lang {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'ru') return stored;
  return navigator.language.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(STORAGE_KEY, l);
    setLangState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const dict = DICTS[lang];
    const dateFmt = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
    const dateTimeFmt = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    const numFmt = new Intl.NumberFormat(lang);
    const parse = (iso: string) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
    return {
      lang,
      setLang,
      t: (key, values) =>
        dict[key].replace(/\{(\w+)\}/g, (m, name: string) => {
          const v = values?.[name];
          return v === undefined ? m : typeof v === 'number' ? numFmt.format(v) : v;
        }),
      has: (key): key is MessageKey => Object.hasOwn(dict, key),
      // Agreement dates are calendar days (UTC); timestamps are shown in the user's own zone.
      date: (iso) => (iso ? dateFmt.format(parse(iso)) : '—'),
      dateTime: (iso) => (iso ? dateTimeFmt.format(parse(iso)) : '—'),
      num: (n) => numFmt.format(n),
    };
  }, [lang, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

export type { MessageKey };

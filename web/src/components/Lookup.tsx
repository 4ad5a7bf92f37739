import { type FormEvent, useRef, useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import type { LookupAnswer, LookupResult } from '../lib/types.js';
import { ErrorBox } from './ErrorBox.js';
import { LookupTable } from './LookupTable.js';

/** The server takes this many values a request; longer lists go in turns, with progress. */
const BATCH = 1000;
const MAX_VALUES = 50_000;

/** Splits a pasted list: lines, spaces, commas or semicolons; each value once, in order. */
export function parseValues(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The results as CSV, one row a value, for a ticket or a spreadsheet. */
export function resultsCsv(results: LookupResult[]): string {
  const head = 'value,known,reported_by,matches,sightings,last_seen';
  const rows = results.map((r) =>
    [
      r.value,
      r.error ? 'invalid' : String(r.known),
      r.reported_by.join(' '),
      r.matches.map((m) => m.id).join(' '),
      String(r.sightings.count),
      r.sightings.last_seen ?? '',
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[head, ...rows].join('\n')}\n`;
}

/**
 * Looks a pasted list up through the node's lookup endpoint, which answers only with what
 * this user's Party may see: an object withheld from it makes no match.
 */
export function Lookup() {
  const { t, num } = useI18n();
  const [text, setText] = useState('');
  const [includeExpired, setIncludeExpired] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = useState<LookupResult[] | null>(null);
  const [error, setError] = useState<unknown>();
  const abort = useRef<AbortController | null>(null);
  const summary = useRef<HTMLParagraphElement>(null);

  const run = async (e: FormEvent) => {
    e.preventDefault();
    const values = parseValues(text);
    if (values.length === 0) return;
    if (values.length > MAX_VALUES) {
      setError(new Error(t('lookup.tooMany', { max: num(MAX_VALUES), count: num(values.length) })));
      return;
    }
    abort.current?.abort();
    const ctl = new AbortController();
    abort.current = ctl;
    setError(undefined);
    setResults(null);
    setProgress({ done: 0, total: values.length });
    const out: LookupResult[] = [];
    try {
      for (let i = 0; i < values.length; i += BATCH) {
        const r = await api<LookupAnswer>('/lookup', {
          method: 'POST',
          body: { values: values.slice(i, i + BATCH), include_expired: includeExpired },
          signal: ctl.signal,
        });
        out.push(...r.results);
        setProgress({ done: out.length, total: values.length });
      }
      setResults(out);
      requestAnimationFrame(() => summary.current?.focus());
    } catch (err) {
      if ((err as Error).name !== 'AbortError') setError(err);
    } finally {
      setProgress(null);
    }
  };

  const download = () => {
    if (!results) return;
    const url = URL.createObjectURL(new Blob([resultsCsv(results)], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'lookup.csv';
    a.click();
    URL.revokeObjectURL(url);
  };

  const known = results?.filter((r) => r.known).length ?? 0;
  const invalid = results?.filter((r) => r.error).length ?? 0;
  return (
    <section className="card" aria-labelledby="lookup-title">
      <h2 id="lookup-title">{t('objects.lookup')}</h2>
      <form onSubmit={run}>
        <label htmlFor="lookup-values">{t('objects.lookupHint')}</label>
        <textarea id="lookup-values" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
        <label className="inline">
          <input
            type="checkbox"
            checked={includeExpired}
            onChange={(e) => setIncludeExpired(e.target.checked)}
          />{' '}
          {t('lookup.includeExpired')}
        </label>
        <button type="submit" className="primary" disabled={progress !== null}>
          {t('objects.lookupRun')}
        </button>
        {progress !== null && (
          <button type="button" onClick={() => abort.current?.abort()}>
            {t('lookup.cancel')}
          </button>
        )}
      </form>
      {progress !== null && (
        <p role="status" aria-live="polite">
          <progress aria-label={t('objects.lookup')} max={progress.total} value={progress.done} />{' '}
          {t('objects.lookupProgress', { done: num(progress.done), total: num(progress.total) })}
        </p>
      )}
      {error !== undefined && <ErrorBox error={error} />}
      {results && (
        <>
          <p role="status" tabIndex={-1} ref={summary} className="lookup-summary">
            {t('objects.lookupResult', { hits: num(known), total: num(results.length) })}
            {invalid > 0 && <> · {t('lookup.invalidCount', { count: num(invalid) })}</>}{' '}
            <button type="button" onClick={download}>
              {t('lookup.download')}
            </button>
          </p>
          <LookupTable results={results} />
        </>
      )}
    </section>
  );
}

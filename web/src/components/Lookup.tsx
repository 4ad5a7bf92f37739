import { type FormEvent, useRef, useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import type { Item, ObjectPage } from '../lib/types.js';
import { ErrorBox } from './ErrorBox.js';
import { Link, objectPath } from './Link.js';
import { TlpBadge } from './Markings.js';
import { labelOf } from './ObjectTable.js';
import { Party } from './Party.js';

const SCAN_TYPES = 'indicator,observed-data,ipv4-addr,ipv6-addr,domain-name,url,file,email-addr,sighting';
const MAX_PAGES = 50;

interface Result {
  value: string;
  matches: Item[];
  sightings: number;
}

/** Splits a pasted list: lines, spaces, commas or semicolons; duplicates once. */
export function parseValues(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ].slice(0, 1000);
}

/**
 * Looks pasted values up among the objects this user may see, through the objects list
 * (so every object passes the node's policy on the way). Scans page by page with progress.
 */
export function Lookup() {
  const { t, num } = useI18n();
  const [text, setText] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [results, setResults] = useState<Result[] | null>(null);
  const [error, setError] = useState<unknown>();
  const abort = useRef<AbortController | null>(null);

  const run = async (e: FormEvent) => {
    e.preventDefault();
    const values = parseValues(text);
    if (values.length === 0) return;
    abort.current?.abort();
    const ctl = new AbortController();
    abort.current = ctl;
    setError(undefined);
    setResults(null);
    setProgress(0);
    const found = new Map<string, Item[]>(values.map((v) => [v, []]));
    const sightings = new Map<string, number>();
    try {
      let cursor: string | null = null;
      let done = 0;
      for (let page = 0; page < MAX_PAGES; page++) {
        const q: string = `/objects?type=${SCAN_TYPES}&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const r: ObjectPage = await api<ObjectPage>(q, { signal: ctl.signal });
        for (const item of r.items) {
          const o = item.object;
          if (o.type === 'sighting' && typeof o.sighting_of_ref === 'string')
            sightings.set(o.sighting_of_ref, (sightings.get(o.sighting_of_ref) ?? 0) + 1);
          const json = JSON.stringify(o).toLowerCase();
          for (const v of values) if (json.includes(v.toLowerCase())) found.get(v)!.push(item);
        }
        done += r.items.length;
        setProgress(done);
        cursor = r.next;
        if (!cursor) break;
      }
      setResults(
        values.map((value) => {
          const matches = found.get(value)!.filter((m) => m.object.type !== 'sighting');
          return {
            value,
            matches,
            sightings: matches.reduce((n, m) => n + (sightings.get(m.object.id) ?? 0), 0),
          };
        }),
      );
    } catch (err) {
      if ((err as Error).name !== 'AbortError') setError(err);
    } finally {
      setProgress(null);
    }
  };

  const hits = results?.filter((r) => r.matches.length > 0).length ?? 0;
  return (
    <section className="card" aria-labelledby="lookup-title">
      <h2 id="lookup-title">{t('objects.lookup')}</h2>
      <form onSubmit={run}>
        <label htmlFor="lookup-values">{t('objects.lookupHint')}</label>
        <textarea id="lookup-values" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="primary" disabled={progress !== null}>
          {t('objects.lookupRun')}
        </button>
      </form>
      {progress !== null && (
        <p role="status" aria-live="polite">
          <progress aria-label={t('objects.lookup')} /> {t('objects.lookupProgress', { done: progress })}
        </p>
      )}
      {error !== undefined && <ErrorBox error={error} />}
      {results && (
        <>
          <p role="status">{t('objects.lookupResult', { hits, total: results.length })}</p>
          <table className="lookup">
            <thead>
              <tr>
                <th scope="col">{t('objects.lookupValue')}</th>
                <th scope="col">{t('objects.lookupMatches')}</th>
                <th scope="col">{t('objects.sightings')}</th>
              </tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr key={r.value} className={r.matches.length ? 'hit' : 'miss'}>
                  <td>
                    <code>{r.value}</code>
                  </td>
                  <td>
                    {r.matches.length === 0 ? (
                      <span className="muted">{t('objects.lookupUnknown')}</span>
                    ) : (
                      <ul className="plain">
                        {r.matches.map((m) => (
                          <li key={m.object.id}>
                            <TlpBadge object={m.object} />{' '}
                            <Link to={objectPath(m.object.id)}>{labelOf(m.object)}</Link>{' '}
                            <Party code={m.meta.originator} short />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>{num(r.sightings)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

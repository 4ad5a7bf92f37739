import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { useUser } from '../lib/session.js';
import type { ObjectPage, StixObject } from '../lib/types.js';
import { useSubmit } from '../lib/use-submit.js';
import { bytes } from './FormFields.js';
import { Outcome } from './Outcome.js';

// The export is the objects list read to its end: every page comes through the same policy
// as the Indicators page, so the file holds exactly what the user's Party may see.
const PAGE = 1000;

/** A version 4 UUID; crypto.randomUUID exists only in secure contexts, getRandomValues everywhere. */
function uuid4(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface Exported {
  url: string;
  name: string;
  count: number;
  size: number;
}

function save(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

/** Downloads the objects the user may see (of one type, when the list is filtered) as a STIX bundle. */
export function ExportButton({ type }: { type: string }) {
  const { t, num } = useI18n();
  const party = useUser().party;
  const [progress, setProgress] = useState<{ objects: number; pages: number } | null>(null);
  const ctl = useRef<AbortController | null>(null);
  const done = useSubmit<Exported>();
  const url = done.result?.url;
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  useEffect(() => () => ctl.current?.abort(), []);

  const start = async () => {
    const c = new AbortController();
    ctl.current = c;
    setProgress({ objects: 0, pages: 0 });
    await done.run(async () => {
      const objects: StixObject[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const q: string = `/objects?limit=${PAGE}${type ? `&type=${type}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page: ObjectPage = await api<ObjectPage>(q, { signal: c.signal });
        for (const i of page.items) objects.push(i.object);
        pages += 1;
        setProgress({ objects: objects.length, pages });
        cursor = page.next;
      } while (cursor);
      const blob = new Blob(
        [JSON.stringify({ type: 'bundle', id: `bundle--${uuid4()}`, objects }, null, 1)],
        {
          type: 'application/stix+json',
        },
      );
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      const name = `accord-${party}${type ? `-${type}` : ''}-${stamp}.json`;
      const made = { url: URL.createObjectURL(blob), name, count: objects.length, size: blob.size };
      save(made.url, made.name);
      return made;
    });
    ctl.current = null;
    setProgress(null);
  };

  const cancelled = (done.error as Error | undefined)?.name === 'AbortError';
  return (
    <details className="card">
      <summary>{t('export.title')}</summary>
      <div className="stack">
        <p className="small">{type ? t('export.hintType', { type }) : t('export.hint')}</p>
        {progress && (
          <div className="transfer" role="status" aria-live="polite">
            <progress aria-label={t('export.progressLabel')} />
            <span>{t('export.progress', { n: progress.objects, pages: progress.pages })}</span>
          </div>
        )}
        <Outcome round={done.round} error={cancelled ? undefined : done.error}>
          {cancelled ? (
            t('export.cancelled')
          ) : done.result ? (
            <>
              {t('export.done', { n: done.result.count, size: bytes(done.result.size, num) })}{' '}
              <a href={done.result.url} download={done.result.name}>
                {t('export.saveAgain', { name: done.result.name })}
              </a>
            </>
          ) : null}
        </Outcome>
        <div className="actions">
          <button type="button" className="primary" disabled={progress !== null} onClick={() => void start()}>
            {t('export.submit')}
          </button>
          {progress && (
            <button type="button" onClick={() => ctl.current?.abort()}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </div>
    </details>
  );
}

import { type FormEvent, useRef, useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { ApiError } from '../lib/api.js';
import { apiUpload } from '../lib/upload.js';
import { useSubmit } from '../lib/use-submit.js';
import { bytes } from './FormFields.js';
import { Outcome } from './Outcome.js';

/** The node's body limit for a request (src/http/app.ts). */
export const MAX_BUNDLE = 64 * 1024 * 1024;
/** A refused bundle's report can name thousands of objects: the first ones are enough to fix the file. */
const SHOWN_PROBLEMS = 200;

interface Issue {
  path: string;
  code?: string;
  message: string;
}

interface ReportEntry {
  index: number;
  id: string | null;
  status: string;
  errors?: Issue[];
}

interface ImportAnswer {
  created: number;
  unchanged: number;
  report: ReportEntry[];
}

/** What a refusal says about the document and about each object at fault. */
function refusalOf(error: unknown): { errors: Issue[]; report: ReportEntry[] } | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const d = error.details as { errors?: Issue[]; report?: ReportEntry[] } | undefined;
  if (!d || (!Array.isArray(d.report) && !Array.isArray(d.errors))) return undefined;
  return { errors: d.errors ?? [], report: d.report ?? [] };
}

function Refusal({ errors, report }: { errors: Issue[]; report: ReportEntry[] }) {
  const { t } = useI18n();
  const rows = [
    ...errors.map((e) => ({ key: `doc-${e.path}-${e.message}`, object: '—', status: '', issue: e })),
    ...report.flatMap((r) =>
      (r.errors ?? []).map((e, i) => ({
        key: `${r.index}-${i}`,
        object: r.id ?? `#${r.index}`,
        status: r.status,
        issue: e,
      })),
    ),
  ];
  return (
    <div className="refusal">
      <p>
        <strong>{t('import.refused', { n: report.length })}</strong> {t('import.nothingStored')}
      </p>
      <div className="table-wrap">
        <table className="import-errors">
          <thead>
            <tr>
              <th scope="col">{t('import.object')}</th>
              <th scope="col">{t('import.status')}</th>
              <th scope="col">{t('import.path')}</th>
              <th scope="col">{t('import.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN_PROBLEMS).map((r) => (
              <tr key={r.key}>
                <td className="mono">{r.object}</td>
                <td>{r.status}</td>
                <td>
                  <code>{r.issue.path}</code>
                </td>
                <td>{r.issue.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > SHOWN_PROBLEMS && (
        <p className="muted small">{t('import.more', { n: rows.length - SHOWN_PROBLEMS })}</p>
      )}
    </div>
  );
}

/** Imports a STIX 2.1 bundle from a file, showing how much has gone and then the node's report. */
export function ImportPanel({ onImported }: { onImported(): void }) {
  const { t, num } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number; checking: boolean } | null>(null);
  const ctl = useRef<AbortController | null>(null);
  const done = useSubmit<ImportAnswer>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    if (file.size > MAX_BUNDLE) {
      done.fail(new Error(t('import.tooBig', { size: bytes(file.size, num) })));
      return;
    }
    const c = new AbortController();
    ctl.current = c;
    setProgress({ sent: 0, total: file.size, checking: false });
    const answer = await done.run(() =>
      apiUpload<ImportAnswer>('/bundles', file, {
        signal: c.signal,
        onProgress: (sent, total) => setProgress({ sent, total, checking: false }),
        onSent: () => setProgress({ sent: file.size, total: file.size, checking: true }),
      }),
    );
    ctl.current = null;
    setProgress(null);
    if (answer) onImported();
  };

  const refusal = refusalOf(done.error);
  const cancelled = (done.error as Error | undefined)?.name === 'AbortError';
  const pct = progress && progress.total > 0 ? Math.round((progress.sent / progress.total) * 100) : 0;
  return (
    <details className="card">
      <summary>{t('import.title')}</summary>
      <form className="stack" onSubmit={submit}>
        <p className="small">{t('import.hint', { max: bytes(MAX_BUNDLE, num) })}</p>
        <label htmlFor="import-file">{t('import.file')}</label>
        <input
          id="import-file"
          type="file"
          accept=".json,application/json,application/stix+json"
          disabled={progress !== null}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        {file && (
          <p className={file.size > MAX_BUNDLE ? 'warn small' : 'muted small'}>
            {t('import.chosen', { name: file.name, size: bytes(file.size, num) })}
          </p>
        )}
        {progress && (
          <div className="transfer" role="status" aria-live="polite">
            <progress
              aria-label={t('import.progressLabel')}
              max={100}
              {...(progress.checking ? {} : { value: pct })}
            />
            <span>
              {progress.checking
                ? t('import.checking')
                : t('import.uploading', {
                    pct,
                    sent: bytes(progress.sent, num),
                    total: bytes(progress.total, num),
                  })}
            </span>
          </div>
        )}
        <Outcome
          round={done.round}
          error={cancelled ? undefined : done.error}
          detail={refusal && <Refusal {...refusal} />}
        >
          {cancelled ? (
            t('import.cancelled')
          ) : done.result ? (
            <dl className="facts import-report">
              <dt>{t('import.created')}</dt>
              <dd>{num(done.result.created)}</dd>
              <dt>{t('import.unchanged')}</dt>
              <dd>{num(done.result.unchanged)}</dd>
              <dt>{t('import.refusedCount')}</dt>
              <dd>{num(0)}</dd>
            </dl>
          ) : null}
        </Outcome>
        <div className="actions">
          <button type="submit" className="primary" disabled={!file || progress !== null}>
            {t('import.submit')}
          </button>
          {progress && !progress.checking && (
            <button type="button" onClick={() => ctl.current?.abort()}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
    </details>
  );
}

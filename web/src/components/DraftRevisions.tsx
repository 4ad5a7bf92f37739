import { type FormEvent, useEffect, useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import type { RevisionDiff, RevisionList } from '../lib/exchange-types.js';
import { useApi } from '../lib/use-api.js';
import { ErrorBox } from './ErrorBox.js';
import { Loading } from './Loading.js';
import { Party } from './Party.js';

// A draft worked on together (Article 5): every revision of its maker and every proposal of
// each Party, and any two of them compared line by line, side by side or in one column.

type Revision = RevisionList['revisions'][number];
type DiffLine = RevisionDiff['lines'][number];

type Layout = 'side' | 'unified';

function RevisionLabel({ r, index }: { r: Revision; index: number }) {
  const { t } = useI18n();
  return r.kind === 'version'
    ? t('draft.version', { n: r.revision.slice(1) })
    : t('draft.proposal', { n: String(index + 1), party: r.party });
}

/** A label for a select's option: the same words as the list, without markup. */
function optionText(t: ReturnType<typeof useI18n>['t'], r: Revision, index: number): string {
  return r.kind === 'version'
    ? t('draft.version', { n: r.revision.slice(1) })
    : t('draft.proposal', { n: String(index + 1), party: r.party });
}

const sign = { same: ' ', removed: '−', added: '+' } as const;

function Unified({ lines }: { lines: DiffLine[] }) {
  const { t } = useI18n();
  return (
    <table className="diff unified">
      <caption className="sr-only">{t('draft.unified')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('draft.fromLine')}</th>
          <th scope="col">{t('draft.toLine')}</th>
          <th scope="col">{t('draft.text')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a diff's lines have no identity but their place.
          <tr key={i} className={`diff-${l.kind}`}>
            <td className="num">{l.from_line ?? ''}</td>
            <td className="num">{l.to_line ?? ''}</td>
            <td>
              <DiffText line={l} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DiffText({ line }: { line: DiffLine }) {
  const { t } = useI18n();
  const body = (
    <>
      <span aria-hidden="true" className="diff-sign">
        {sign[line.kind]}
      </span>
      {line.text || '\u00a0'}
    </>
  );
  if (line.kind === 'added') return <ins title={t('draft.added')}>{body}</ins>;
  if (line.kind === 'removed') return <del title={t('draft.removed')}>{body}</del>;
  return <span>{body}</span>;
}

/** Pairs removed and added lines of one change into rows, as two columns show them. */
function sideRows(lines: DiffLine[]): { left?: DiffLine; right?: DiffLine }[] {
  const rows: { left?: DiffLine; right?: DiffLine }[] = [];
  let i = 0;
  while (i < lines.length) {
    const l = lines[i]!;
    if (l.kind === 'same') {
      rows.push({ left: l, right: l });
      i++;
      continue;
    }
    const removed: DiffLine[] = [];
    const added: DiffLine[] = [];
    while (i < lines.length && lines[i]!.kind !== 'same') {
      (lines[i]!.kind === 'removed' ? removed : added).push(lines[i]!);
      i++;
    }
    for (let k = 0; k < Math.max(removed.length, added.length); k++)
      rows.push({
        ...(removed[k] ? { left: removed[k] } : {}),
        ...(added[k] ? { right: added[k] } : {}),
      });
  }
  return rows;
}

function SideBySide({ lines, from, to }: { lines: DiffLine[]; from: string; to: string }) {
  const { t } = useI18n();
  const cell = (l: DiffLine | undefined, n: number | undefined) => (
    <>
      <td className={`num ${l ? `diff-${l.kind}` : 'diff-empty'}`}>{n ?? ''}</td>
      <td className={l ? `diff-${l.kind}` : 'diff-empty'}>{l && <DiffText line={l} />}</td>
    </>
  );
  return (
    <table className="diff side">
      <caption className="sr-only">{t('draft.sideBySide')}</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{from}</th>
          <th scope="col">#</th>
          <th scope="col">{to}</th>
        </tr>
      </thead>
      <tbody>
        {sideRows(lines).map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a diff's rows have no identity but their place.
          <tr key={i}>
            {cell(r.left, r.left?.from_line)}
            {cell(r.right, r.right?.to_line)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DraftRevisions({ id, language }: { id: string; language: string }) {
  const { t, dateTime } = useI18n();
  const list = useApi((signal) => api<RevisionList>(`/library/${id}/revisions`, { signal }), id);
  const revisions = list.data?.revisions ?? [];
  const proposals = revisions.filter((r) => r.kind === 'proposal');
  const comparable = revisions.filter((r) => r.content !== undefined);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [layout, setLayout] = useState<Layout>('side');
  const [diff, setDiff] = useState<{ from: string; to: string; lines: DiffLine[] } | null>(null);
  const [error, setError] = useState<unknown>(undefined);

  // The latest two texts are compared unless the reader picks others.
  useEffect(() => {
    if (comparable.length < 2 || from || to) return;
    setFrom(comparable[comparable.length - 2]!.revision);
    setTo(comparable[comparable.length - 1]!.revision);
  }, [comparable, from, to]);

  const label = (r: string) => {
    const found = revisions.find((x) => x.revision === r);
    return found ? optionText(t, found, proposals.indexOf(found)) : r;
  };
  const compare = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const q = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
      const r = await api<RevisionDiff>(`/library/${id}/diff?${q}`);
      setDiff({ from, to, lines: r.lines });
    } catch (err) {
      setDiff(null);
      setError(err);
    }
  };

  if (list.error !== undefined) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  const headingId = `rev-${id}`;
  return (
    <section className="draft-revisions" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('draft.revisions')}</h3>
      <ol className="plain revisions">
        {revisions.map((r) => (
          <li key={r.revision} className={`revision revision-${r.kind}`} data-revision={r.revision}>
            <strong>
              <RevisionLabel r={r} index={proposals.indexOf(r)} />
            </strong>{' '}
            · <Party code={r.party} short /> · {r.user} · {dateTime(r.at)}
            {r.note && (
              <p className="small" lang={r.kind === 'version' ? language : undefined}>
                {r.kind === 'proposal' ? t('draft.comment') : t('draft.note')}: {r.note}
              </p>
            )}
            {r.kind === 'proposal' && r.content === undefined && (
              <p className="small muted">{t('draft.commentOnly')}</p>
            )}
          </li>
        ))}
      </ol>
      {comparable.length < 2 ? (
        <p className="muted small">{t('draft.nothingToCompare')}</p>
      ) : (
        <form className="toolbar" onSubmit={compare}>
          <label>
            {t('draft.from')}{' '}
            <select value={from} onChange={(e) => setFrom(e.target.value)}>
              {comparable.map((r) => (
                <option key={r.revision} value={r.revision}>
                  {label(r.revision)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('draft.to')}{' '}
            <select value={to} onChange={(e) => setTo(e.target.value)}>
              {comparable.map((r) => (
                <option key={r.revision} value={r.revision}>
                  {label(r.revision)}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="inline">
            <legend>{t('draft.layout')}</legend>
            <label>
              <input
                type="radio"
                name={`layout-${id}`}
                checked={layout === 'side'}
                onChange={() => setLayout('side')}
              />{' '}
              {t('draft.sideBySide')}
            </label>
            <label>
              <input
                type="radio"
                name={`layout-${id}`}
                checked={layout === 'unified'}
                onChange={() => setLayout('unified')}
              />{' '}
              {t('draft.unified')}
            </label>
          </fieldset>
          <button type="submit">{t('draft.compare')}</button>
        </form>
      )}
      {error !== undefined && <ErrorBox error={error} />}
      {diff && (
        <div className="diff-wrap" lang={language}>
          <p className="small muted" aria-live="polite">
            {t('draft.summary', {
              from: label(diff.from),
              to: label(diff.to),
              added: String(diff.lines.filter((l) => l.kind === 'added').length),
              removed: String(diff.lines.filter((l) => l.kind === 'removed').length),
            })}
          </p>
          {layout === 'side' ? (
            <SideBySide lines={diff.lines} from={label(diff.from)} to={label(diff.to)} />
          ) : (
            <Unified lines={diff.lines} />
          )}
        </div>
      )}
    </section>
  );
}

import { type FormEvent, useState } from 'react';
import { DraftRevisions } from '../components/DraftRevisions.js';
import { ErrorBox } from '../components/ErrorBox.js';
import { Loading } from '../components/Loading.js';
import { TlpLevelBadge } from '../components/Markings.js';
import { Pager } from '../components/Pager.js';
import { Party } from '../components/Party.js';
import { UploadForm } from '../components/UploadForm.js';
import { useI18n } from '../i18n/index.js';
import { DOCUMENT_KINDS, type DocumentKind, type LibraryDocument } from '../lib/exchange-types.js';
import { usePaged } from '../lib/use-paged.js';

function size(n: number, num: (n: number) => string): string {
  if (n < 1024) return `${num(n)} B`;
  if (n < 1024 * 1024) return `${num(Math.round(n / 102.4) / 10)} KiB`;
  return `${num(Math.round(n / 104857.6) / 10)} MiB`;
}

/** Kinds worked on together as drafts (Article 5): their revisions and proposals are shown. */
// A kind is a string on the wire (a peer's document may carry one this console does not know).
const DRAFT_KINDS: readonly string[] = ['draft-treaty', 'harmonisation-proposal'] satisfies DocumentKind[];

function DocumentItem({ d }: { d: LibraryDocument }) {
  const { t, num, dateTime } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <li className="document" data-id={d.id}>
      <div className="consent-head">
        <TlpLevelBadge level={d.tlp} />
        <strong lang={d.language}>{d.title}</strong>
      </div>
      <p className="small muted">
        {t(`dkind.${d.kind}` as 'dkind.other')} · {d.language.toUpperCase()} · <Party code={d.party} short />
        {d.created_at && <> · {dateTime(d.created_at)}</>}
      </p>
      {d.description && <p lang={d.language}>{d.description}</p>}
      {d.files.length > 0 && (
        <ul className="plain files">
          {d.files.map((f) => (
            <li key={f.sha256}>
              <a href={`/api/v1/library/${d.id}/files/${f.sha256}`} download={f.filename}>
                {t('library.download', { name: f.filename })}
              </a>{' '}
              <span className="muted small">
                {f.media_type} · {size(f.size, num)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {DRAFT_KINDS.includes(d.kind) && (
        <>
          <button
            type="button"
            aria-expanded={open}
            aria-controls={`draft-${d.id}`}
            onClick={() => setOpen(!open)}
          >
            {open ? t('draft.hide') : t('draft.show')}
          </button>
          <div id={`draft-${d.id}`} hidden={!open}>
            {open && <DraftRevisions id={d.id} language={d.language} />}
          </div>
        </>
      )}
    </li>
  );
}

export function Library() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<DocumentKind | ''>('');
  const query = [q && `q=${encodeURIComponent(q)}`, kind && `kind=${kind}`].filter(Boolean).join('&');
  const list = usePaged<LibraryDocument>('/library', query);
  const items = list.data?.items ?? [];
  const search = (e: FormEvent) => {
    e.preventDefault();
    setQ(text.trim());
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('library.title')}</h1>
      <UploadForm onDone={list.reload} />
      <section className="card" aria-label={t('library.title')}>
        <form className="toolbar" onSubmit={search}>
          <label>
            {t('library.searchLabel')}{' '}
            <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <button type="submit">{t('common.search')}</button>
          <label>
            {t('library.kind')}{' '}
            <select value={kind} onChange={(e) => setKind(e.target.value as DocumentKind | '')}>
              <option value="">{t('library.allKinds')}</option>
              {DOCUMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`dkind.${k}`)}
                </option>
              ))}
            </select>
          </label>
        </form>
        {q && <p className="muted small">{t('library.results', { q })}</p>}
        {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
        {list.loading && !list.data && <Loading />}
        {list.data && items.length === 0 && <p className="muted">{t('common.none')}</p>}
        <ul className="plain">
          {items.map((d) => (
            <DocumentItem key={d.id} d={d} />
          ))}
        </ul>
        <Pager
          atStart={list.atStart}
          hasNext={Boolean(list.data?.next)}
          shown={items.length}
          onFirst={list.first}
          onNext={list.next}
        />
      </section>
    </>
  );
}

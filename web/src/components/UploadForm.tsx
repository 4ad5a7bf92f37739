import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { api, apiFailure, apiHeaders, parseBody } from '../lib/api.js';
import {
  DOCUMENT_KINDS,
  type DocumentKind,
  type LibraryDocument,
  type TlpLevel,
} from '../lib/exchange-types.js';
import { ErrorBox } from './ErrorBox.js';

const LEVELS: TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/**
 * Streams a file into the document as the raw body: the browser reads it from disk as it
 * goes, and the node writes it to disk through its hash (no base64, no size cap but the node's).
 */
async function putFile(id: string, file: File): Promise<void> {
  const res = await fetch(`/api/v1/library/${id}/files?filename=${encodeURIComponent(file.name)}`, {
    method: 'PUT',
    headers: { ...apiHeaders('PUT', false), 'content-type': file.type || 'application/octet-stream' },
    credentials: 'same-origin',
    body: file,
  });
  if (!res.ok) throw apiFailure(res.status, res.statusText, parseBody(await res.text()));
}

/** Adds a document to the library: its description, text for search, markings and files. */
export function UploadForm({ onDone }: { onDone(): void }) {
  const { t, lang } = useI18n();
  const [title, setTitle] = useState('');
  const [language, setLanguage] = useState<string>(lang);
  const [kind, setKind] = useState<DocumentKind>('analysis');
  const [tlp, setTlp] = useState<TlpLevel>('green');
  const [description, setDescription] = useState('');
  const [content, setContent] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setDone(false);
    setBusy(true);
    try {
      const d = await api<LibraryDocument>('/library', {
        method: 'POST',
        body: {
          title,
          language,
          kind,
          tlp,
          ...(description ? { description } : {}),
          ...(content ? { content } : {}),
        },
      });
      for (const f of files) await putFile(d.id, f);
      setTitle('');
      setDescription('');
      setContent('');
      setFiles([]);
      setDone(true);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="card">
      <summary>{t('library.upload')}</summary>
      <form className="stack" onSubmit={submit}>
        <label htmlFor="doc-title">{t('library.docTitle')}</label>
        <input id="doc-title" value={title} onChange={(e) => setTitle(e.target.value)} required />
        <div className="toolbar">
          <label>
            {t('library.language')}{' '}
            <select value={language} onChange={(e) => setLanguage(e.target.value)}>
              <option value="ru">{t('library.lang.ru')}</option>
              <option value="en">{t('library.lang.en')}</option>
            </select>
          </label>
          <label>
            {t('library.kind')}{' '}
            <select value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)}>
              {DOCUMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`dkind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('library.tlp')}{' '}
            <select value={tlp} onChange={(e) => setTlp(e.target.value as TlpLevel)}>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {`TLP:${l.toUpperCase()}`}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label htmlFor="doc-description">{t('library.description')}</label>
        <input id="doc-description" value={description} onChange={(e) => setDescription(e.target.value)} />
        <label htmlFor="doc-content">{t('library.content')}</label>
        <textarea id="doc-content" rows={5} value={content} onChange={(e) => setContent(e.target.value)} />
        <label htmlFor="doc-files">{t('library.files')}</label>
        <input
          id="doc-files"
          type="file"
          multiple
          onChange={(e) => setFiles([...(e.target.files ?? [])].slice(0, 20))}
        />
        {error !== undefined && <ErrorBox error={error} />}
        {done && (
          <p className="ok" role="status">
            {t('library.uploaded')}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('library.uploadSubmit')}
        </button>
      </form>
    </details>
  );
}

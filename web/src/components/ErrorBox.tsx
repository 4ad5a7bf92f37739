import { useI18n } from '../i18n/index.js';
import { ApiError } from '../lib/api.js';
import { fieldIssues, issueText } from '../lib/validation-text.js';

const KNOWN = new Set([400, 401, 403, 404, 409, 429, 500]);

/** Any failure, said in words: what kind of failure in the user's language, then the node's own message. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const i18n = useI18n();
  const { t, has } = i18n;
  let summary: string;
  let detail: string | undefined;
  let fields: string[] = [];
  if (error instanceof ApiError) {
    const code = `errcode.${error.code}`;
    if (error.status === 0) summary = t('error.network');
    else if (has(code)) summary = t(code);
    else if (KNOWN.has(error.status)) summary = t(`error.${error.status}` as 'error.400');
    else summary = t('error.other', { status: error.status });
    // A schema problem is said field by field in the reader's language; other messages are the node's own.
    fields = fieldIssues(error.details).map((x) => issueText(x, i18n));
    if (error.status !== 0 && error.message && fields.length === 0)
      detail = t('error.details', { message: error.message });
  } else {
    summary = t('error.title');
    detail = error instanceof Error ? error.message : String(error);
  }
  return (
    <div className="error" role="alert">
      <strong>{summary}</strong>
      {detail && <p>{detail}</p>}
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

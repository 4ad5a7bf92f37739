import { useI18n } from '../i18n/index.js';
import { ApiError } from '../lib/api.js';

const KNOWN = new Set([400, 401, 403, 404, 409, 429, 500]);

/** Any failure, said in words: what kind of failure in the user's language, then the node's own message. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  let summary: string;
  let detail: string | undefined;
  if (error instanceof ApiError) {
    if (error.status === 0) summary = t('error.network');
    else if (KNOWN.has(error.status)) summary = t(`error.${error.status}` as 'error.400');
    else summary = t('error.other', { status: error.status });
    if (error.status !== 0 && error.message) detail = t('error.details', { message: error.message });
  } else {
    summary = t('error.title');
    detail = error instanceof Error ? error.message : String(error);
  }
  return (
    <div className="error" role="alert">
      <strong>{summary}</strong>
      {detail && <p>{detail}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

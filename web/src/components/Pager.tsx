import { useI18n } from '../i18n/index.js';

/** Forward paging with the API's cursors; a long list never loads at once. */
export function Pager({
  atStart,
  hasNext,
  onFirst,
  onNext,
  shown,
}: {
  atStart: boolean;
  hasNext: boolean;
  onFirst(): void;
  onNext(): void;
  shown: number;
}) {
  const { t } = useI18n();
  return (
    <div className="pager">
      <span>{t('common.total', { n: shown })}</span>
      <button type="button" onClick={onFirst} disabled={atStart}>
        {t('common.first')}
      </button>
      <button type="button" onClick={onNext} disabled={!hasNext}>
        {t('common.next')}
      </button>
    </div>
  );
}

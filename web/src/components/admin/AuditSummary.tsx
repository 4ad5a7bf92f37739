import { type ReactNode, useState } from 'react';
import { useI18n } from '../../i18n/index.js';
import type { AuditEntry } from '../../lib/types.js';
import { useTypeName } from '../ActivityStats.js';

const LONG = 40;

/** A long value cut to fit its cell, the whole of it in the tooltip and one click from the clipboard. */
export function LongValue({ value }: { value: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  if (value.length <= LONG) return <span className="value">{value}</span>;
  return (
    <span className="value long" title={value}>
      {`${value.slice(0, LONG - 1)}…`}{' '}
      <button
        type="button"
        className="link-like small"
        aria-label={t('common.copyValue', { value })}
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => setCopied(true));
        }}
      >
        {copied ? t('common.copied') : t('common.copy')}
      </button>
    </span>
  );
}

function plain(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(plain).join(', ');
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k.replace(/_/g, ' ')} ${plain(x)}`)
      .join('; ');
  return String(v);
}

/** What an audit entry says, as short "name value" pairs instead of raw JSON. */
export function AuditSummary({ e }: { e: AuditEntry }) {
  const { t, has } = useI18n();
  const typeName = useTypeName();
  const parts: ReactNode[] = [];
  if (e.subject) {
    parts.push(
      <span key="subject" className="kv">
        <span className="muted">{typeName(e.subject.type)}</span> <LongValue value={e.subject.id} />
      </span>,
    );
  }
  const details = e.details && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(details)) {
    if (v === null || v === undefined || v === '') continue;
    const label = has(`auditKey.${k}`) ? t(`auditKey.${k}` as never) : k.replace(/_/g, ' ');
    const shown = typeof v === 'boolean' ? t(v ? 'common.yes' : 'common.no') : plain(v);
    parts.push(
      <span key={k} className="kv">
        <span className="muted">{label}</span> <LongValue value={shown} />
      </span>,
    );
  }
  return <>{parts.length > 0 ? parts : '—'}</>;
}

/** An audit action in the reader's language; an action the dictionary lacks keeps its code (the dictionary test forbids that). */
export function useAuditAction() {
  const { t, has } = useI18n();
  return (action: string) => (has(`audit.${action}`) ? t(`audit.${action}` as never) : action);
}

import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import type { Notification, NotificationKind, Severity, TlpLevel } from '../lib/exchange-types.js';
import { useSubmit } from '../lib/use-submit.js';
import { DateField } from './DateField.js';
import { instant, lines, TlpSelect } from './FormFields.js';
import { Outcome } from './Outcome.js';
import { usePartyName } from './Party.js';
import { PartyChecks, usePartiesInForce } from './PartyPicker.js';

const KINDS: readonly NotificationKind[] = ['threat', 'incident', 'response-measure'];
const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** Notifies other Parties of a threat, an incident or a response measure (Article 7). */
export function NotificationForm({ onSent }: { onSent(n: Notification): void }) {
  const { t } = useI18n();
  const name = usePartyName();
  const parties = usePartiesInForce();
  const [kind, setKind] = useState<NotificationKind>('incident');
  const [severity, setSeverity] = useState<Severity>('high');
  const [summary, setSummary] = useState('');
  const [body, setBody] = useState('');
  const [everyone, setEveryone] = useState(false);
  const [recipients, setRecipients] = useState<string[]>([]);
  const [tlp, setTlp] = useState<TlpLevel>('amber');
  const [deadline, setDeadline] = useState('');
  const [refs, setRefs] = useState('');
  const sent = useSubmit<Notification>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!everyone && recipients.length === 0) {
      sent.fail(new Error(t('notify.noRecipients')));
      return;
    }
    const objectRefs = lines(refs);
    const at = instant(deadline);
    const n = await sent.run(() =>
      api<Notification>('/notifications', {
        method: 'POST',
        body: {
          kind,
          severity,
          summary,
          tlp,
          ...(body ? { body } : {}),
          ...(everyone ? {} : { recipients }),
          ...(objectRefs.length > 0 ? { object_refs: objectRefs } : {}),
          ...(at ? { deadline: at } : {}),
        },
      }),
    );
    if (!n) return;
    setSummary('');
    setBody('');
    setRefs('');
    setDeadline('');
    onSent(n);
  };

  return (
    <details className="card">
      <summary>{t('notify.new')}</summary>
      <form className="stack" onSubmit={submit}>
        <div className="toolbar">
          <label>
            {t('notify.kind')}{' '}
            <select value={kind} onChange={(e) => setKind(e.target.value as NotificationKind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`nkind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('notify.severity')}{' '}
            <select value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {t(`severity.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor="n-tlp">
            {t('notify.tlp')} <TlpSelect id="n-tlp" value={tlp} onChange={setTlp} />
          </label>
        </div>
        <label htmlFor="n-summary">{t('notify.summary')}</label>
        <input
          id="n-summary"
          value={summary}
          maxLength={500}
          onChange={(e) => setSummary(e.target.value)}
          required
        />
        <label htmlFor="n-body">{t('notify.body')}</label>
        <textarea id="n-body" rows={4} value={body} onChange={(e) => setBody(e.target.value)} />
        <fieldset className="plain-fieldset">
          <legend>{t('notify.recipients')}</legend>
          <label>
            <input type="radio" name="n-to" checked={!everyone} onChange={() => setEveryone(false)} />{' '}
            {t('notify.chosen')}
          </label>
          <PartyChecks
            id="n-to"
            parties={parties}
            value={recipients}
            onChange={setRecipients}
            disabled={everyone}
          />
          <label>
            <input type="radio" name="n-to" checked={everyone} onChange={() => setEveryone(true)} />{' '}
            {t('notify.everyone')}
          </label>
        </fieldset>
        <label htmlFor="n-deadline">{t('notify.deadline')}</label>
        <DateField id="n-deadline" time value={deadline} onChange={setDeadline} />
        <label htmlFor="n-refs">{t('notify.objects')}</label>
        <textarea
          id="n-refs"
          rows={2}
          className="mono"
          value={refs}
          onChange={(e) => setRefs(e.target.value)}
        />
        <Outcome round={sent.round} error={sent.error}>
          {sent.result &&
            t('notify.sent', {
              parties: sent.result.delivered_to.map((p) => name(p)).join(', ') || '—',
            })}
        </Outcome>
        <div className="actions">
          <button type="submit" className="primary" disabled={sent.busy}>
            {sent.busy ? t('notify.sending') : t('notify.send')}
          </button>
        </div>
      </form>
    </details>
  );
}

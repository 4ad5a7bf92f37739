import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import type { CaseRecord, TlpLevel } from '../lib/exchange-types.js';
import { useSubmit } from '../lib/use-submit.js';
import { lines, TlpSelect } from './FormFields.js';
import { Outcome } from './Outcome.js';
import { PartyChecks, usePartiesInForce } from './PartyPicker.js';

/** Opens a joint case (Article 6) with the Parties taking part; one's own Party owns it. */
export function CaseForm({ onOpened }: { onOpened(c: CaseRecord): void }) {
  const { t } = useI18n();
  const parties = usePartiesInForce();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [participants, setParticipants] = useState<string[]>([]);
  const [tlp, setTlp] = useState<TlpLevel>('amber');
  const [refs, setRefs] = useState('');
  const opened = useSubmit<CaseRecord>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (participants.length === 0) {
      opened.fail(new Error(t('newCase.noParticipants')));
      return;
    }
    const ids = lines(refs);
    const c = await opened.run(() =>
      api<CaseRecord>('/cases', {
        method: 'POST',
        body: {
          title,
          participants,
          tlp,
          ...(description ? { description } : {}),
          ...(ids.length > 0 ? { refs: ids } : {}),
        },
      }),
    );
    if (c) onOpened(c);
  };

  return (
    <details className="card">
      <summary>{t('newCase.new')}</summary>
      <form className="stack" onSubmit={submit}>
        <label htmlFor="c-title">{t('newCase.title')}</label>
        <input
          id="c-title"
          value={title}
          maxLength={500}
          onChange={(e) => setTitle(e.target.value)}
          required
        />
        <label htmlFor="c-description">{t('newCase.description')}</label>
        <textarea
          id="c-description"
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <fieldset className="plain-fieldset">
          <legend>{t('newCase.participants')}</legend>
          <PartyChecks id="c-with" parties={parties} value={participants} onChange={setParticipants} />
        </fieldset>
        <label htmlFor="c-tlp">{t('notify.tlp')}</label>
        <TlpSelect id="c-tlp" value={tlp} onChange={setTlp} />
        <label htmlFor="c-refs">{t('newCase.refs')}</label>
        <textarea
          id="c-refs"
          rows={2}
          className="mono"
          value={refs}
          onChange={(e) => setRefs(e.target.value)}
        />
        <Outcome round={opened.round} error={opened.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={opened.busy}>
            {t('newCase.submit')}
          </button>
        </div>
      </form>
    </details>
  );
}

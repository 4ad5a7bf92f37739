import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import type { AccordRequest, RequestMove } from '../lib/exchange-types.js';
import { ErrorBox } from './ErrorBox.js';

const ANSWERS: RequestMove[] = ['answer', 'partly-answer'];
const SIMPLE: RequestMove[] = ['send', 'receive', 'start', 'remind', 'withdraw'];

/** Lines "value | reason" of a blocking answer's refusals. */
function refusals(text: string): { value: string; reason: string }[] {
  return text
    .split('\n')
    .map((l) => l.split('|').map((x) => x.trim()))
    .filter(([v, r]) => v && r)
    .map(([value, reason]) => ({ value: value!, reason: reason! }));
}

/** The moves open to the user's side, with the note, answer or ground each may carry. */
export function RequestMoves({ r, onMoved }: { r: AccordRequest; onMoved(next: AccordRequest): void }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [answer, setAnswer] = useState('');
  const [blocked, setBlocked] = useState('');
  const [refused, setRefused] = useState('');
  const [ground, setGround] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const allowed = new Set(r.allowed_moves);
  if (allowed.size === 0) return <p className="muted">{t('requests.noMoves')}</p>;
  const canAnswer = ANSWERS.some((m) => allowed.has(m));
  const move = async (m: RequestMove) => {
    setBusy(true);
    setError(undefined);
    const body: Record<string, unknown> = {};
    if (note.trim()) body.note = note.trim();
    if (ANSWERS.includes(m)) {
      if (answer.trim()) body.answer = answer.trim();
      const b = blocked.split(/\s+/).filter(Boolean);
      if (r.kind === 'blocking' && b.length > 0) body.blocked = b.map((value) => ({ value }));
      const f = refusals(refused);
      if (r.kind === 'blocking' && f.length > 0) body.refused = f;
    }
    if (m === 'decline' && ground.trim()) body.ground = ground.trim();
    try {
      onMoved(await api<AccordRequest>(`/requests/${r.id}/${m}`, { method: 'POST', body }));
      setNote('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => e.preventDefault();
  return (
    <form className="stack moves" onSubmit={submit}>
      <label htmlFor="mv-note">{t('requests.note')}</label>
      <input id="mv-note" value={note} onChange={(e) => setNote(e.target.value)} />
      <div className="actions">
        {SIMPLE.filter((m) => allowed.has(m)).map((m) => (
          <button
            key={m}
            type="button"
            className={m === 'withdraw' ? 'danger' : m === 'remind' ? undefined : 'primary'}
            disabled={busy}
            onClick={() => void move(m)}
          >
            {t(`move.${m}` as 'move.send')}
          </button>
        ))}
      </div>
      {canAnswer && (
        <fieldset className="stack">
          <legend>{t('requests.answerTitle')}</legend>
          <label htmlFor="mv-answer">{t('requests.answer')}</label>
          <textarea id="mv-answer" rows={4} value={answer} onChange={(e) => setAnswer(e.target.value)} />
          {r.kind === 'blocking' && (
            <>
              <label htmlFor="mv-blocked">{t('requests.blockedInput')}</label>
              <textarea
                id="mv-blocked"
                rows={3}
                value={blocked}
                onChange={(e) => setBlocked(e.target.value)}
              />
              <label htmlFor="mv-refused">{t('requests.refusedInput')}</label>
              <textarea
                id="mv-refused"
                rows={3}
                value={refused}
                onChange={(e) => setRefused(e.target.value)}
              />
            </>
          )}
          <div className="actions">
            {ANSWERS.filter((m) => allowed.has(m)).map((m) => (
              <button key={m} type="button" className="primary" disabled={busy} onClick={() => void move(m)}>
                {t(`move.${m}` as 'move.send')}
              </button>
            ))}
          </div>
        </fieldset>
      )}
      {allowed.has('decline') && (
        <fieldset className="stack">
          <legend>{t('requests.declineTitle')}</legend>
          <label htmlFor="mv-ground">{t('requests.ground')}</label>
          <input id="mv-ground" value={ground} onChange={(e) => setGround(e.target.value)} />
          <div className="actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void move('decline')}>
              {t('move.decline')}
            </button>
          </div>
        </fieldset>
      )}
      {error !== undefined && <ErrorBox error={error} />}
    </form>
  );
}

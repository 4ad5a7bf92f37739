import { type FormEvent, useEffect, useState } from 'react';
import { DateField } from '../components/DateField.js';
import { ErrorBox } from '../components/ErrorBox.js';
import { Deadline, History } from '../components/Exchange.js';
import { Link, objectPath } from '../components/Link.js';
import { Loading } from '../components/Loading.js';
import { TlpLevelBadge } from '../components/Markings.js';
import { Outcome } from '../components/Outcome.js';
import { Party, usePartyName } from '../components/Party.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { type CaseRecord, MEASURE_STATES, type Measure, type MeasureState } from '../lib/exchange-types.js';
import { useUser } from '../lib/session.js';
import { useApi } from '../lib/use-api.js';
import { useSubmit } from '../lib/use-submit.js';
import { requestPath } from './Requests.js';

function itemPath(id: string): string {
  return id.startsWith('x-accord-request--') ? requestPath(id) : objectPath(id);
}

function itemLabel(o: Record<string, unknown>, id: string): string {
  for (const k of ['summary', 'title', 'name', 'value', 'pattern'])
    if (typeof o[k] === 'string' && o[k]) return o[k] as string;
  return id;
}

function MeasureRow({ c, m, onChange }: { c: CaseRecord; m: Measure; onChange(c: CaseRecord): void }) {
  const { t } = useI18n();
  const party = useUser().party;
  const [error, setError] = useState<unknown>();
  const mayChange = c.state === 'open' && (m.assignee === party || c.owner === party);
  const set = async (state: MeasureState) => {
    setError(undefined);
    try {
      onChange(
        await api<CaseRecord>(`/cases/${c.id}/measures/${m.id}`, { method: 'PATCH', body: { state } }),
      );
    } catch (e) {
      setError(e);
    }
  };
  const today = new Date().toISOString().slice(0, 10);
  const late = m.due < today && (m.state === 'planned' || m.state === 'in-progress');
  return (
    <tr data-id={m.id}>
      <td>{m.title}</td>
      <td>
        <Deadline at={m.due} overdue={late} day />
      </td>
      <td>
        {mayChange ? (
          <select
            aria-label={t('cases.measureState', { title: m.title })}
            value={m.state}
            onChange={(e) => void set(e.target.value as MeasureState)}
          >
            {MEASURE_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`measure.${s}`)}
              </option>
            ))}
          </select>
        ) : (
          <span className={`state mstate-${m.state}`}>{t(`measure.${m.state}`)}</span>
        )}
        {error !== undefined && <ErrorBox error={error} />}
      </td>
    </tr>
  );
}

function AddMeasure({ c, onChange }: { c: CaseRecord; onChange(c: CaseRecord): void }) {
  const { t } = useI18n();
  const name = usePartyName();
  const party = useUser().party;
  // The owner assigns measures to any participant; a participant takes measures on itself.
  const assignees = c.owner === party ? c.participants : [party];
  const [title, setTitle] = useState('');
  const [assignee, setAssignee] = useState(assignees[0] ?? '');
  const [due, setDue] = useState('');
  const added = useSubmit<CaseRecord>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next = await added.run(() =>
      api<CaseRecord>(`/cases/${c.id}/measures`, { method: 'POST', body: { title, assignee, due } }),
    );
    if (!next) return;
    setTitle('');
    onChange(next);
  };
  return (
    <details className="card">
      <summary>{t('cases.addMeasure')}</summary>
      <form className="stack" onSubmit={submit}>
        <label htmlFor="m-title">{t('cases.measure')}</label>
        <input id="m-title" value={title} onChange={(e) => setTitle(e.target.value)} required />
        <label htmlFor="m-assignee">{t('cases.assignee')}</label>
        <select id="m-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
          {assignees.map((p) => (
            <option key={p} value={p}>
              {name(p)}
            </option>
          ))}
        </select>
        <label htmlFor="m-due">{t('cases.due')}</label>
        <DateField id="m-due" value={due} onChange={setDue} required />
        <Outcome round={added.round} error={added.error}>
          {added.result && t('newCase.measureAdded')}
        </Outcome>
        <button type="submit" className="primary" disabled={added.busy}>
          {t('cases.addMeasure')}
        </button>
      </form>
    </details>
  );
}

export function CaseView({ id }: { id: string }) {
  const { t } = useI18n();
  const party = useUser().party;
  const loaded = useApi(
    (signal) => api<CaseRecord>(`/cases/${encodeURIComponent(id)}`, { signal }),
    `case|${id}`,
  );
  const [c, setC] = useState<CaseRecord | undefined>();
  useEffect(() => setC(loaded.data), [loaded.data]);
  if (loaded.error !== undefined)
    return (
      <>
        <h1 tabIndex={-1}>{t('cases.one')}</h1>
        <ErrorBox error={loaded.error} onRetry={loaded.reload} />
      </>
    );
  if (!c) return <Loading />;
  const parties = [c.owner, ...c.participants.filter((p) => p !== c.owner)];
  return (
    <>
      <p>
        <Link to="/cases">← {t('nav.cases')}</Link>
      </p>
      <div className="object-head">
        <TlpLevelBadge level={c.tlp} />
        <h1 tabIndex={-1}>{c.title}</h1>
        <span className={`state cstate-${c.state}`}>{t(`cstate.${c.state}`)}</span>
      </div>
      {c.description && <p className="prewrap">{c.description}</p>}
      <section className="card" aria-labelledby="cs-measures">
        <h2 id="cs-measures">{t('cases.measures')}</h2>
        {parties.map((p) => {
          const ms = c.measures.filter((m) => m.assignee === p);
          return (
            <div key={p} className="party-measures">
              <h3>
                <Party code={p} />
                {p === c.owner && <span className="tag">{t('cases.owner')}</span>}
              </h3>
              {ms.length === 0 ? (
                <p className="muted small">{t('common.none')}</p>
              ) : (
                <table className="measures">
                  <thead>
                    <tr>
                      <th scope="col">{t('cases.measure')}</th>
                      <th scope="col">{t('cases.due')}</th>
                      <th scope="col">{t('cases.state')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {ms.map((m) => (
                      <MeasureRow key={m.id} c={c} m={m} onChange={setC} />
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          );
        })}
      </section>
      {c.state === 'open' && c.participants.includes(party) && <AddMeasure c={c} onChange={setC} />}
      <section className="card" aria-labelledby="cs-items">
        <h2 id="cs-items">{t('cases.items')}</h2>
        {(c.items ?? []).length === 0 && <p className="muted">{t('common.none')}</p>}
        <ul className="plain">
          {(c.items ?? []).map((i) => (
            <li key={i.id}>
              <code className="type">{i.type}</code>{' '}
              <Link to={itemPath(i.id)}>{itemLabel(i.object, i.id)}</Link> <Party code={i.originator} short />
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="cs-timeline">
        <h2 id="cs-timeline">{t('cases.timeline')}</h2>
        <History entries={c.timeline ?? []} />
      </section>
    </>
  );
}

import { type FormEvent, useState } from 'react';
import { DateField } from '../components/DateField.js';
import { ErrorBox } from '../components/ErrorBox.js';
import { Link, objectPath } from '../components/Link.js';
import { Loading } from '../components/Loading.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { useApi } from '../lib/use-api.js';

interface Cell {
  id: string;
  attack_id: string | null;
  name: string;
  count: number;
  reported_by: { id: string; type: string; name: string | null }[];
}
interface Tactic {
  id: string;
  attack_id: string | null;
  name: string;
  count: number;
  techniques: Cell[];
}
interface MatrixAnswer {
  from: string;
  to: string;
  matrices: { id: string; name: string; tactics: Tactic[] }[];
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** Five shades, by the share of the busiest technique: colour never carries the number alone. */
function heat(count: number, max: number): number {
  if (count === 0 || max === 0) return 0;
  return Math.max(1, Math.ceil((count / max) * 4));
}

function TechniqueCell({ c, max }: { c: Cell; max: number }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const label = `${c.attack_id ?? ''} ${c.name}`.trim();
  return (
    <li className={`technique heat-${heat(c.count, max)}`} data-technique={c.attack_id ?? c.id}>
      {c.count === 0 ? (
        <span className="technique-name">
          {label} <span className="visually-hidden">{t('attack.count', { n: 0 })}</span>
        </span>
      ) : (
        <button type="button" className="technique-name" aria-expanded={open} onClick={() => setOpen(!open)}>
          {label} <span className="technique-count">{t('attack.count', { n: c.count })}</span>
        </button>
      )}
      {open && (
        <ul className="technique-refs">
          {c.reported_by.map((r) => (
            <li key={r.id}>
              <Link to={objectPath(r.id)}>{r.name ?? r.id}</Link>{' '}
              <span className="muted small">{r.type}</span>
            </li>
          ))}
          {c.count > c.reported_by.length && (
            <li className="muted small">{t('attack.more', { n: c.count - c.reported_by.length })}</li>
          )}
        </ul>
      )}
    </li>
  );
}

export function Attack() {
  const { t, date } = useI18n();
  const [from, setFrom] = useState(daysAgo(90));
  const [to, setTo] = useState(daysAgo(0));
  const [period, setPeriod] = useState({ from, to });
  const matrix = useApi(
    (signal) =>
      api<MatrixAnswer>(
        `/attack/matrix?from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`,
        { signal },
      ),
    `${period.from}/${period.to}`,
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPeriod({ from, to });
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('attack.title')}</h1>
      <p className="lead">{t('attack.lead')}</p>
      <form className="toolbar" onSubmit={submit}>
        <label htmlFor="attack-from">{t('attack.from')}</label>
        <DateField id="attack-from" value={from} onChange={setFrom} required />
        <label htmlFor="attack-to">{t('attack.to')}</label>
        <DateField id="attack-to" value={to} onChange={setTo} required />
        <button type="submit">{t('attack.show')}</button>
      </form>
      {matrix.error !== undefined && <ErrorBox error={matrix.error} onRetry={matrix.reload} />}
      {matrix.loading && <Loading />}
      {matrix.data && matrix.data.matrices.length === 0 && <p className="muted">{t('attack.none')}</p>}
      {matrix.data?.matrices.map((m) => {
        const max = Math.max(0, ...m.tactics.flatMap((x) => x.techniques.map((c) => c.count)));
        return (
          <section key={m.id} className="card attack-matrix" aria-labelledby={`mx-${m.id}`}>
            <h2 id={`mx-${m.id}`}>{m.name}</h2>
            <p className="muted small">
              {t('attack.period', { from: date(matrix.data!.from), to: date(matrix.data!.to) })}
            </p>
            <div className="attack-columns">
              {m.tactics.map((tac) => (
                <section key={tac.id} className="attack-tactic" aria-labelledby={`tac-${tac.id}`}>
                  <h3 id={`tac-${tac.id}`}>
                    {tac.name} <span className="muted small">{tac.attack_id}</span>
                  </h3>
                  <ul>
                    {tac.techniques.map((c) => (
                      <TechniqueCell key={c.id} c={c} max={max} />
                    ))}
                  </ul>
                </section>
              ))}
            </div>
          </section>
        );
      })}
    </>
  );
}

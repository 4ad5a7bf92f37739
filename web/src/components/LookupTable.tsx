import { useState } from 'react';
import type { MessageKey } from '../i18n/en.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import type { LookupMatch, LookupResult } from '../lib/types.js';
import { ErrorBox } from './ErrorBox.js';
import { Link, objectPath } from './Link.js';
import { TlpBadge } from './Markings.js';
import { Pager } from './Pager.js';
import { Party } from './Party.js';

const PAGE = 100;

const HOW: Record<LookupMatch['how'], MessageKey> = {
  exact: 'lookup.how.exact',
  range: 'lookup.how.range',
  'parent-domain': 'lookup.how.parentDomain',
  'url-host': 'lookup.how.urlHost',
  'email-domain': 'lookup.how.emailDomain',
};

/** "We saw this too": reports one sighting of the match, signed for the user's Party. */
function SightButton({ id, name }: { id: string; name: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [error, setError] = useState<unknown>();
  if (state === 'done') return <span className="ok">{t('lookup.sightReported')}</span>;
  return (
    <>
      <button
        type="button"
        className="small"
        aria-label={t('lookup.sightLabel', { name })}
        disabled={state === 'busy'}
        onClick={async () => {
          setState('busy');
          setError(undefined);
          try {
            await api('/sightings', { method: 'POST', body: { of: id } });
            setState('done');
          } catch (e) {
            setError(e);
            setState('idle');
          }
        }}
      >
        {t('lookup.sight')}
      </button>
      {error !== undefined && <ErrorBox error={error} />}
    </>
  );
}

function MatchItem({ m }: { m: LookupMatch }) {
  const { t, num, date } = useI18n();
  return (
    <li>
      <TlpBadge object={{ type: m.type, id: m.id, object_marking_refs: m.marking_refs }} />{' '}
      <Link to={objectPath(m.id)}>{m.name ?? m.pattern ?? m.id}</Link> <Party code={m.originator} short />{' '}
      <span className="muted">
        {t(HOW[m.how], { matched: m.matched })}
        {m.partial && <> · {t('lookup.partial')}</>}
        {m.expired && <> · {t('lookup.expired', { date: date(m.valid_until) })}</>}
        {m.sightings.count > 0 && (
          <> · {t('lookup.sighted', { count: num(m.sightings.count), last: date(m.sightings.last_seen) })}</>
        )}
      </span>{' '}
      <SightButton id={m.id} name={m.name ?? m.id} />
    </li>
  );
}

/** One row a value: the verdict, every Party that reported it, each match and its sightings. */
export function LookupTable({ results }: { results: LookupResult[] }) {
  const { t, num } = useI18n();
  const [onlyKnown, setOnlyKnown] = useState(false);
  const [page, setPage] = useState(0);
  const shown = onlyKnown ? results.filter((r) => r.known) : results;
  const rows = shown.slice(page * PAGE, (page + 1) * PAGE);
  return (
    <>
      <label className="inline">
        <input
          type="checkbox"
          checked={onlyKnown}
          onChange={(e) => {
            setOnlyKnown(e.target.checked);
            setPage(0);
          }}
        />{' '}
        {t('lookup.onlyKnown')}
      </label>
      <table className="lookup">
        <thead>
          <tr>
            <th scope="col">{t('objects.lookupValue')}</th>
            <th scope="col">{t('lookup.reportedBy')}</th>
            <th scope="col">{t('objects.lookupMatches')}</th>
            <th scope="col">{t('objects.sightings')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.value} className={r.known ? 'hit' : 'miss'}>
              <td>
                <code>{r.value}</code>
                {r.normalised && r.normalised !== r.value && (
                  <div className="muted">
                    <code>{r.normalised}</code>
                  </div>
                )}
                {(r.warninglists ?? []).map((w) => (
                  <div key={w.id} className="warn" title={w.id}>
                    {t('lookup.warninglist', { name: w.name })}
                  </div>
                ))}
              </td>
              <td>
                {r.reported_by.map((p) => (
                  <Party key={p} code={p} short />
                ))}
                {r.reported_by.length > 1 && (
                  <div className="muted">{t('lookup.correlated', { count: num(r.reported_by.length) })}</div>
                )}
              </td>
              <td>
                {r.error ? (
                  <span className="muted">{t('lookup.invalid')}</span>
                ) : r.matches.length === 0 ? (
                  <span className="muted">{t('objects.lookupUnknown')}</span>
                ) : (
                  <ul className="plain">
                    {r.matches.map((m) => (
                      <MatchItem key={m.id} m={m} />
                    ))}
                  </ul>
                )}
              </td>
              <td>{num(r.sightings.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length > PAGE && (
        <Pager
          atStart={page === 0}
          hasNext={(page + 1) * PAGE < shown.length}
          onFirst={() => setPage(0)}
          onNext={() => setPage(page + 1)}
          shown={shown.length}
        />
      )}
    </>
  );
}

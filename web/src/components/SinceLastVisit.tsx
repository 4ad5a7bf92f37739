import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import type { ObjectPage } from '../lib/types.js';
import { useApi } from '../lib/use-api.js';
import { useTypeName } from './ActivityStats.js';
import { ErrorBox } from './ErrorBox.js';
import { Link, objectPath } from './Link.js';
import { Loading } from './Loading.js';
import { labelOf } from './ObjectTable.js';
import { Party } from './Party.js';

const SHOWN = 8;

/**
 * The previous visit of this user in this browser: read once per browser session, so that
 * moving between pages does not reset it, and stored for the next session.
 */
function previousVisit(user: string): string | null {
  const key = `accord.lastVisit.${user}`;
  const inSession = sessionStorage.getItem(key);
  if (inSession !== null) return inSession || null;
  const before = localStorage.getItem(key);
  sessionStorage.setItem(key, before ?? '');
  localStorage.setItem(key, new Date().toISOString());
  return before;
}

/** Intelligence that arrived since the reader last looked (the node's newest first). */
export function SinceLastVisit({ user }: { user: string }) {
  const { t, dateTime, num } = useI18n();
  const typeName = useTypeName();
  const since = previousVisit(user);
  const r = useApi(
    (signal) => api<ObjectPage>('/objects?kind=intel&order=newest&limit=100', { signal }),
    'since-last-visit',
  );
  const fresh = (r.data?.items ?? []).filter((i) => since === null || i.meta.date_added > since);
  const more = r.data?.next && fresh.length === r.data.items.length ? '+' : '';
  return (
    <section className="card" aria-labelledby="ov-since">
      <h2 id="ov-since">{t('overview.sinceLastVisit')}</h2>
      <p className="muted small">
        {since ? t('overview.lastVisit', { at: dateTime(since) }) : t('overview.firstVisit')}
      </p>
      {r.error !== undefined && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.loading && <Loading />}
      {r.data && (
        <>
          <p>
            <span className={`count${fresh.length > 0 ? ' hot' : ''}`}>{`${num(fresh.length)}${more}`}</span>{' '}
            {t('overview.newObjects')}
          </p>
          <ul className="plain cited">
            {fresh.slice(0, SHOWN).map(({ object, meta }) => (
              <li key={`${meta.originator}:${object.id}`}>
                <span className="muted small">{typeName(object.type)}</span>{' '}
                <Link to={objectPath(object.id)}>{labelOf(object)}</Link> ·{' '}
                <Party code={meta.originator} short />
              </li>
            ))}
          </ul>
          {fresh.length > SHOWN && <Link to="/objects">{t('nav.indicators')} →</Link>}
        </>
      )}
    </section>
  );
}

import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import type { ObjectPage, Visit } from '../lib/types.js';
import { useApi } from '../lib/use-api.js';
import { useTypeName } from './ActivityStats.js';
import { ErrorBox } from './ErrorBox.js';
import { Link, objectPath } from './Link.js';
import { Loading } from './Loading.js';
import { labelOf } from './ObjectTable.js';
import { Party } from './Party.js';

const SHOWN = 8;

/** Intelligence that arrived since the reader last looked (the node's newest first). */
export function SinceLastVisit() {
  const { t, dateTime, num } = useI18n();
  const typeName = useTypeName();
  // The node keeps the user's visits (POST /visit marks this look and says where the previous
  // visit ended), so the count follows the user from one browser to another.
  const r = useApi(async (signal) => {
    const [visit, page] = await Promise.all([
      api<Visit>('/visit', { method: 'POST', signal }),
      api<ObjectPage>('/objects?kind=intel&order=newest&limit=100', { signal }),
    ]);
    return { since: visit.since, page };
  }, 'since-last-visit');
  const since = r.data?.since ?? null;
  const items = r.data?.page.items ?? [];
  const fresh = items.filter((i) => since === null || i.meta.date_added > since);
  const more = r.data?.page.next && fresh.length === items.length ? '+' : '';
  return (
    <section className="card" aria-labelledby="ov-since">
      <h2 id="ov-since">{t('overview.sinceLastVisit')}</h2>
      {r.data && (
        <p className="muted small">
          {since ? t('overview.lastVisit', { at: dateTime(since) }) : t('overview.firstVisit')}
        </p>
      )}
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

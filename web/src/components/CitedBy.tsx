import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import type { ObjectPage, StixObject } from '../lib/types.js';
import { useApi } from '../lib/use-api.js';
import { useTypeName } from './ActivityStats.js';
import { ErrorBox } from './ErrorBox.js';
import { Link, objectPath } from './Link.js';
import { Loading } from './Loading.js';
import { TlpBadge } from './Markings.js';
import { labelOf } from './ObjectTable.js';
import { Party } from './Party.js';

/** Where a record citing an object is worked on: its own page where it has one. */
export function recordPath(o: StixObject): string {
  const id = encodeURIComponent(o.id);
  switch (o.type) {
    case 'x-accord-request':
      return `/requests/${id}`;
    case 'x-accord-case':
      return `/cases/${id}`;
    case 'x-accord-consent':
      return '/consents';
    default:
      return objectPath(o.id);
  }
}

/** The records and objects the reader may see that refer to this one (the node decides). */
export function CitedBy({ id }: { id: string }) {
  const { t, dateTime } = useI18n();
  const typeName = useTypeName();
  const r = useApi(
    (signal) => api<ObjectPage>(`/objects/${encodeURIComponent(id)}/cited-by?limit=100`, { signal }),
    `cited:${id}`,
  );
  return (
    <section className="card" aria-labelledby="cited-title">
      <h2 id="cited-title">{t('object.citedBy')}</h2>
      {r.error !== undefined && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.loading && <Loading />}
      {r.data && r.data.items.length === 0 && <p className="muted">{t('object.citedByNone')}</p>}
      {r.data && r.data.items.length > 0 && (
        <ul className="plain cited">
          {r.data.items.map(({ object, meta }) => (
            <li key={`${meta.originator}:${object.id}`}>
              <TlpBadge object={object} /> <span className="muted small">{typeName(object.type)}</span>{' '}
              <Link to={recordPath(object)}>{labelOf(object)}</Link> · <Party code={meta.originator} short />{' '}
              · <span className="muted small">{dateTime(meta.date_added)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import { useI18n } from '../i18n/index.js';
import type { Item, StixObject } from '../lib/types.js';
import { Link, objectPath } from './Link.js';
import { TlpBadge } from './Markings.js';
import { Party } from './Party.js';

/** What a person calls an object: its name, or the value or pattern that identifies it. */
export function labelOf(o: StixObject): string {
  // Accord's own records carry a summary (notifications, requests) or a title (cases, documents).
  for (const k of ['name', 'title', 'summary', 'value', 'pattern', 'relationship_type', 'path', 'hashes']) {
    const v = o[k];
    if (typeof v === 'string' && v) return v;
    if (v && typeof v === 'object') return Object.values(v as Record<string, string>)[0] ?? o.id;
  }
  return o.id;
}

export function ObjectTable({ items }: { items: Item[] }) {
  const { t, dateTime } = useI18n();
  if (items.length === 0) return <p className="muted">{t('common.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="objects">
        <thead>
          <tr>
            <th scope="col">{t('objects.markings')}</th>
            <th scope="col">{t('objects.type')}</th>
            <th scope="col">{t('objects.name')}</th>
            <th scope="col">{t('objects.originator')}</th>
            <th scope="col">{t('objects.added')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map(({ object, meta }) => (
            <tr key={object.id} className={meta.revoked ? 'revoked' : undefined}>
              <td>
                <TlpBadge object={object} />
              </td>
              <td>
                <code>{object.type}</code>
              </td>
              <td className="name">
                <Link to={objectPath(object.id)}>{labelOf(object)}</Link>
                {meta.revoked && <span className="tag">{t('object.revoked')}</span>}
              </td>
              <td>
                <Party code={meta.originator} />
              </td>
              <td>{dateTime(meta.date_added)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { type FormEvent, useState } from 'react';
import { ErrorBox } from '../components/ErrorBox.js';
import { ExportButton } from '../components/ExportButton.js';
import { ImportPanel } from '../components/ImportPanel.js';
import { Loading } from '../components/Loading.js';
import { Lookup } from '../components/Lookup.js';
import { ObjectTable } from '../components/ObjectTable.js';
import { Pager } from '../components/Pager.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import type { ObjectPage } from '../lib/types.js';
import { useApi } from '../lib/use-api.js';

const TYPES = [
  'indicator',
  'malware',
  'attack-pattern',
  'threat-actor',
  'campaign',
  'vulnerability',
  'report',
  'sighting',
  'relationship',
  'observed-data',
  'identity',
];
const PAGE = 50;

export function Objects() {
  const { t } = useI18n();
  const [type, setType] = useState('');
  const [cursors, setCursors] = useState<string[]>([]);
  const [filter, setFilter] = useState('');
  // The node searches every object the user may see, not just the page in hand.
  const [query, setQuery] = useState('');
  const cursor = cursors.at(-1);
  const page = useApi(
    (signal) =>
      api<ObjectPage>(
        `/objects?kind=intel&order=newest&limit=${PAGE}${type ? `&type=${type}` : ''}${query ? `&q=${encodeURIComponent(query)}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { signal },
      ),
    `${type}|${query}|${cursor ?? ''}`,
  );
  const items = page.data?.items ?? [];
  const search = (e: FormEvent) => {
    e.preventDefault();
    const q = filter.trim();
    setQuery(q.length >= 2 ? q : '');
    setCursors([]);
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('objects.title')}</h1>
      <Lookup />
      <div className="grid">
        <ImportPanel
          onImported={() => {
            setCursors([]);
            page.reload();
          }}
        />
        <ExportButton type={type} />
      </div>
      <section className="card" aria-label={t('objects.title')}>
        <div className="toolbar">
          <label>
            {t('objects.type')}{' '}
            <select
              value={type}
              onChange={(e) => {
                setType(e.target.value);
                setCursors([]);
              }}
            >
              <option value="">{t('objects.allTypes')}</option>
              {TYPES.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </select>
          </label>
          <search>
            <form onSubmit={search}>
              <label>
                {t('objects.search')}{' '}
                <input
                  type="search"
                  value={filter}
                  onChange={(e) => setFilter(e.target.value)}
                  placeholder={t('objects.filterHint')}
                />
              </label>{' '}
              <button type="submit">{t('objects.searchRun')}</button>
            </form>
          </search>
        </div>
        {page.error !== undefined && <ErrorBox error={page.error} onRetry={page.reload} />}
        {page.loading ? <Loading /> : <ObjectTable items={items} />}
        <Pager
          atStart={cursors.length === 0}
          hasNext={Boolean(page.data?.next)}
          shown={items.length}
          onFirst={() => setCursors([])}
          onNext={() => page.data?.next && setCursors([...cursors, page.data.next])}
        />
      </section>
    </>
  );
}

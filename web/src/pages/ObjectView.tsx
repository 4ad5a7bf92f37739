import { CitedBy } from '../components/CitedBy.js';
import { ErrorBox } from '../components/ErrorBox.js';
import { Graph } from '../components/Graph.js';
import { Loading } from '../components/Loading.js';
import { MarkingBanner, TlpBadge } from '../components/Markings.js';
import { labelOf } from '../components/ObjectTable.js';
import { Party } from '../components/Party.js';
import { SightingsTimeline } from '../components/SightingsTimeline.js';
import { useI18n } from '../i18n/index.js';
import { ApiError, api } from '../lib/api.js';
import type { ObjectDetail } from '../lib/types.js';
import { useApi } from '../lib/use-api.js';

export function ObjectView({ id }: { id: string }) {
  const { t, dateTime } = useI18n();
  const r = useApi(
    (signal) => api<ObjectDetail>(`/objects/${encodeURIComponent(id)}?include=refs`, { signal }),
    `object:${id}`,
  );
  if (r.loading) return <Loading />;
  if (r.error !== undefined) {
    const hidden = r.error instanceof ApiError && r.error.status === 404;
    return (
      <>
        <h1 tabIndex={-1}>{t('object.title')}</h1>
        {hidden ? (
          <p className="error" role="alert">
            {t('object.notVisible')}
          </p>
        ) : (
          <ErrorBox error={r.error} onRetry={r.reload} />
        )}
      </>
    );
  }
  const d = r.data!;
  const definitions = (d.references ?? [])
    .map((x) => x.object)
    .filter((o) => o.type === 'marking-definition');
  return (
    <>
      <MarkingBanner object={d.object} definitions={definitions} />
      <header className="object-head">
        <TlpBadge object={d.object} />
        <h1 tabIndex={-1}>
          <code className="type">{d.object.type}</code> {labelOf(d.object)}
        </h1>
        <Party code={d.meta.originator} />
      </header>
      <div className="grid">
        <section className="card" aria-labelledby="prov-title">
          <h2 id="prov-title">{t('object.provenance')}</h2>
          <dl className="facts">
            <dt>{t('object.originator')}</dt>
            <dd>
              <Party code={d.meta.originator} />
            </dd>
            <dt>{t('object.sourceNode')}</dt>
            <dd>
              <code>{d.meta.source_node}</code>
            </dd>
            <dt>{t('object.dateAdded')}</dt>
            <dd>{dateTime(d.meta.date_added)}</dd>
            <dt>{t('object.signature')}</dt>
            <dd className={d.meta.signed ? 'ok' : 'warn'}>
              {d.meta.signed ? `✔ ${t('object.signed')}` : t('object.unsigned')}
            </dd>
            {d.meta.revoked && (
              <>
                <dt>{t('object.revoked')}</dt>
                <dd className="warn">{t('common.yes')}</dd>
              </>
            )}
          </dl>
        </section>
        <section className="card" aria-labelledby="versions-title">
          <h2 id="versions-title">{t('object.versions')}</h2>
          <ol className="versions" reversed>
            {[...d.versions].reverse().map((v) => (
              <li key={v.meta.version}>
                <span>{dateTime(String(v.object.modified ?? v.object.created ?? v.meta.date_added))}</span>{' '}
                <span className="muted small">{dateTime(v.meta.date_added)}</span> {v.meta.signed ? '✔' : ''}{' '}
                {v.meta.revoked ? t('object.revoked') : ''}
              </li>
            ))}
          </ol>
        </section>
      </div>
      <Graph root={d} />
      <CitedBy id={d.id} />
      <SightingsTimeline id={d.id} />
      <section className="card" aria-labelledby="json-title">
        <h2 id="json-title">{t('object.json')}</h2>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard. */}
        <pre className="json" tabIndex={0}>
          {JSON.stringify(d.object, null, 2)}
        </pre>
      </section>
    </>
  );
}

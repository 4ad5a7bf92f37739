import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/index.js';
import { api } from '../../lib/api.js';
import { useApi } from '../../lib/use-api.js';
import { ErrorBox } from '../ErrorBox.js';
import { Loading } from '../Loading.js';
import { Party } from '../Party.js';
import { LongValue } from './AuditSummary.js';
import { ConfirmButton } from './ConfirmButton.js';
import type { PeerInfo, PeerList } from './types.js';
import { useAction } from './use-action.js';

/** The key box takes what the peer's operator sent: JSON that the node itself checks. */
function parseKey(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function AddPeer({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [url, setUrl] = useState('');
  const [relayOnly, setRelayOnly] = useState(false);
  const [party, setParty] = useState('');
  const [nodeId, setNodeId] = useState('');
  const [keyError, setKeyError] = useState(false);
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseKey(key);
    setKeyError(!parsed);
    if (!parsed) return;
    const body = {
      key: parsed,
      ...(relayOnly ? { relay_only: true } : { url: url.trim() }),
      ...(party.trim() ? { party: party.trim().toUpperCase() } : {}),
      ...(nodeId.trim() ? { node_id: nodeId.trim() } : {}),
    };
    if (await action.run(() => api('/peers', { method: 'POST', body }))) {
      setKey('');
      setUrl('');
      setParty('');
      setNodeId('');
      onDone();
    }
  };
  return (
    <details className="admin-form">
      <summary>{t('admin.peer.add')}</summary>
      <form onSubmit={submit} className="stack">
        <label htmlFor="peer-key">{t('admin.peer.key')}</label>
        <textarea
          id="peer-key"
          rows={4}
          className="mono"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          required
          aria-invalid={keyError}
          aria-describedby={keyError ? 'peer-key-error' : undefined}
        />
        {keyError && (
          <p id="peer-key-error" className="warn" role="alert">
            {t('admin.peer.badJson')}
          </p>
        )}
        <label>
          <input type="checkbox" checked={relayOnly} onChange={(e) => setRelayOnly(e.target.checked)} />{' '}
          {t('admin.peer.relayOnly')}
        </label>
        {!relayOnly && (
          <>
            <label htmlFor="peer-url">{t('admin.peer.url')}</label>
            <input
              id="peer-url"
              type="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              required
              placeholder="https://"
            />
          </>
        )}
        <label htmlFor="peer-party">{t('admin.peer.partyOptional')}</label>
        <input
          id="peer-party"
          value={party}
          onChange={(e) => setParty(e.target.value)}
          maxLength={2}
          size={3}
          pattern="[A-Za-z]{2}"
        />
        <label htmlFor="peer-node">{t('admin.peer.nodeOptional')}</label>
        <input id="peer-node" value={nodeId} onChange={(e) => setNodeId(e.target.value)} maxLength={128} />
        {action.error !== undefined && <ErrorBox error={action.error} />}
        <button type="submit" className="primary" disabled={action.busy}>
          {t('admin.peer.addSubmit')}
        </button>
      </form>
    </details>
  );
}

function Health({ h }: { h: PeerInfo['health'] }) {
  const { t, dateTime } = useI18n();
  const cls =
    h.state === 'healthy' ? 'ok' : h.state === 'failing' || h.state === 'suspended' ? 'warn' : 'muted';
  return (
    <>
      <span className={`status ${cls}`}>{t(`admin.health.${h.state}` as 'admin.health.healthy')}</span>
      {h.since && <span className="small block">{t('admin.peer.since', { when: dateTime(h.since) })}</span>}
      {h.cause && (
        <span className="small block" data-cause={h.cause}>
          {t(`admin.cause.${h.cause}` as 'admin.cause.failing')}
        </span>
      )}
      {h.state === 'failing' && (
        <span className="small block">
          {t('admin.peer.failures', { n: h.failures ?? 0, error: h.last_error ?? '' })}
        </span>
      )}
      {h.reason && <span className="small block">{h.reason}</span>}
    </>
  );
}

function PeerRow({ p, onDone }: { p: PeerInfo; onDone(): void }) {
  const { t, dateTime } = useI18n();
  const counts = (c: PeerInfo['sent']) =>
    t('admin.peer.counts', { new: c.new, unchanged: c.unchanged, refused: c.refused });
  const action = useAction();
  const remove = () =>
    void action.run(() => api(`/peers/${encodeURIComponent(p.node_id)}`, { method: 'DELETE' })).then(onDone);
  return (
    <tr data-peer={p.node_id}>
      <th scope="row" className="mono">
        {p.node_id}
      </th>
      <td>
        <Party code={p.party} />
      </td>
      <td className="mono">{p.url ?? t('admin.peer.throughHub')}</td>
      <td>
        <Health h={p.health} />
      </td>
      <td>{p.health.last_contact ? dateTime(p.health.last_contact) : t('admin.token.never')}</td>
      <td className="small">
        {t('admin.peer.exchanged', { sent: counts(p.sent), received: counts(p.received) })}
        {p.refused_requests > 0 && (
          <span className="warn block">
            {t('admin.peer.refusedRequests', { n: p.refused_requests, reason: p.last_refused_reason ?? '' })}
          </span>
        )}
      </td>
      <td>
        <code className="small">
          <LongValue value={p.fingerprint} />
        </code>
      </td>
      <td>
        <ConfirmButton
          label={t('admin.peer.remove')}
          question={t('admin.peer.confirmRemove', { node: p.node_id })}
          disabled={action.busy}
          onConfirm={remove}
        />
        {action.error !== undefined && <ErrorBox error={action.error} />}
      </td>
    </tr>
  );
}

/** Federation peers with their health (GET/POST /peers, DELETE /peers/:id). */
export function Peers() {
  const { t } = useI18n();
  const r = useApi((signal) => api<PeerList>('/peers', { signal }), 'peers');
  return (
    <section className="card" aria-labelledby="a-peers">
      <h2 id="a-peers">{t('admin.peers')}</h2>
      {r.error !== undefined && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.loading && !r.data && <Loading />}
      {r.data && r.data.items.length === 0 && <p className="muted">{t('admin.peer.none')}</p>}
      {r.data && r.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="admin-peers">
            <thead>
              <tr>
                <th scope="col">{t('admin.peer.node')}</th>
                <th scope="col">{t('admin.peer.party')}</th>
                <th scope="col">{t('admin.peer.url')}</th>
                <th scope="col">{t('admin.peer.health')}</th>
                <th scope="col">{t('admin.peer.lastContact')}</th>
                <th scope="col">{t('admin.peer.exchange')}</th>
                <th scope="col">{t('admin.peer.fingerprint')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {r.data.items.map((p) => (
                <PeerRow key={p.node_id} p={p} onDone={r.reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <button type="button" onClick={r.reload} disabled={r.loading}>
        {t('admin.peer.refresh')}
      </button>
      <AddPeer onDone={r.reload} />
    </section>
  );
}

import { useState } from 'react';
import { ErrorBox } from '../components/ErrorBox.js';
import { type Box, BoxSwitch, Deadline } from '../components/Exchange.js';
import { Loading } from '../components/Loading.js';
import { TlpLevelBadge } from '../components/Markings.js';
import { NotificationForm } from '../components/NotificationForm.js';
import { Pager } from '../components/Pager.js';
import { Party } from '../components/Party.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import type { Notification } from '../lib/exchange-types.js';
import { useUser } from '../lib/session.js';
import { usePaged } from '../lib/use-paged.js';

function Deliveries({ n }: { n: Notification }) {
  const { t, dateTime } = useI18n();
  return (
    <div className="table-wrap">
      <table className="deliveries">
        <thead>
          <tr>
            <th scope="col">{t('inbox.recipient')}</th>
            <th scope="col">{t('inbox.delivered')}</th>
            <th scope="col">{t('inbox.acknowledged')}</th>
          </tr>
        </thead>
        <tbody>
          {n.deliveries.map((d) => (
            <tr key={d.party} className={d.overdue ? 'overdue' : undefined}>
              <th scope="row">
                <Party code={d.party} />
              </th>
              <td>{dateTime(d.delivered_at)}</td>
              <td>
                {d.acknowledged_at ? (
                  t('inbox.ackedBy', { at: dateTime(d.acknowledged_at), user: d.acknowledged_by ?? '?' })
                ) : (
                  <span className="warn">
                    {t('inbox.notAcked')}
                    {d.overdue && <span className="tag tag-overdue">{t('exchange.overdue')}</span>}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NotificationItem({ n, box, onDone }: { n: Notification; box: Box; onDone(): void }) {
  const { t, dateTime } = useI18n();
  const party = useUser().party;
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const mine = n.deliveries.find((d) => d.party === party);
  const ack = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api(`/notifications/${n.id}/ack`, { method: 'POST' });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={`notice${n.overdue ? ' is-overdue' : ''}`} data-id={n.id}>
      <div className="consent-head">
        <span className={`sev sev-${n.severity}`}>{t(`severity.${n.severity}`)}</span>
        <span>{t(`nkind.${n.kind}`)}</span>
        <TlpLevelBadge level={n.tlp} />
        <strong className="summary">{n.summary}</strong>
      </div>
      <p className="small">
        {t('inbox.from')}: <Party code={n.sender} /> · {dateTime(n.created_at)} · {t('exchange.deadline')}:{' '}
        <Deadline at={n.deadline} overdue={box === 'inbox' ? (mine?.overdue ?? false) : n.overdue} />
        {n.escalated_at && (
          <span className="tag">{t('inbox.escalated', { at: dateTime(n.escalated_at) })}</span>
        )}
      </p>
      {n.body && (
        <details>
          <summary>{t('inbox.body')}</summary>
          <p className="prewrap">{n.body}</p>
        </details>
      )}
      {box === 'inbox' && mine && (
        <div className="actions">
          {mine.acknowledged_at ? (
            <span className="ok">
              {t('inbox.ackedBy', { at: dateTime(mine.acknowledged_at), user: mine.acknowledged_by ?? '?' })}
            </span>
          ) : (
            <button type="button" className="primary" disabled={busy} onClick={() => void ack()}>
              {t('inbox.ack')}
            </button>
          )}
        </div>
      )}
      {box === 'sent' && <Deliveries n={n} />}
      {error !== undefined && <ErrorBox error={error} />}
    </li>
  );
}

export function Inbox() {
  const { t } = useI18n();
  const [box, setBox] = useState<Box>('inbox');
  const [only, setOnly] = useState<'' | 'unacknowledged' | 'overdue'>('');
  const query = `box=${box}${only ? `&${only}=true` : ''}`;
  const list = usePaged<Notification>('/notifications', query);
  const items = list.data?.items ?? [];
  return (
    <>
      <h1 tabIndex={-1}>{t('inbox.title')}</h1>
      <NotificationForm
        onSent={() => {
          // What was sent shows in the sent box.
          if (box === 'sent') list.reload();
          else setBox('sent');
        }}
      />
      <section className="card" aria-label={t('inbox.title')}>
        <div className="toolbar">
          <BoxSwitch box={box} onChange={setBox} labels={{ inbox: 'inbox.received', sent: 'inbox.sent' }} />
          <label>
            {t('common.filter')}{' '}
            <select value={only} onChange={(e) => setOnly(e.target.value as typeof only)}>
              <option value="">{t('inbox.all')}</option>
              <option value="unacknowledged">{t('inbox.unacked')}</option>
              <option value="overdue">{t('inbox.overdueOnly')}</option>
            </select>
          </label>
        </div>
        {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
        {list.loading && !list.data && <Loading />}
        {list.data && items.length === 0 && <p className="muted">{t('common.none')}</p>}
        <ul className="plain">
          {items.map((n) => (
            <NotificationItem key={n.id} n={n} box={box} onDone={list.reload} />
          ))}
        </ul>
        <Pager
          atStart={list.atStart}
          hasNext={Boolean(list.data?.next)}
          shown={items.length}
          onFirst={list.first}
          onNext={list.next}
        />
      </section>
    </>
  );
}

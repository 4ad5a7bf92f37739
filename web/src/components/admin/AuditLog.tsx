import { useState } from 'react';
import { useI18n } from '../../i18n/index.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/session.js';
import type { AuditEntry, ChainVerdict } from '../../lib/types.js';
import { useApi } from '../../lib/use-api.js';
import { ErrorBox } from '../ErrorBox.js';
import { Loading } from '../Loading.js';
import { Pager } from '../Pager.js';
import { AuditSummary, useAuditAction } from './AuditSummary.js';
import type { AuditPage } from './types.js';

/** GET /audit/verify: the chain's verdict (src/audit/verify.ts). */
type Verify = ChainVerdict;

function VerifyBox() {
  const { t } = useI18n();
  const [result, setResult] = useState<Verify | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await api<Verify>('/audit/verify'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const ok = result?.ok === true;
  const n = result?.count ?? 0;
  return (
    <div>
      <button type="button" className="primary" onClick={() => void run()} disabled={busy}>
        {t('admin.verify')}
      </button>
      {busy && <Loading />}
      {error !== undefined && <ErrorBox error={error} />}
      {result && (
        <p role="status" className={ok ? 'ok' : 'warn'}>
          {ok
            ? t('admin.verifyOk', { n })
            : t('admin.verifyBad', { message: String(result.message ?? JSON.stringify(result)) })}
        </p>
      )}
    </div>
  );
}

/** Who did it; a Party other than the node's is marked, so a foreign-Party user stands out. */
function Actor({ e, nodeParty }: { e: AuditEntry; nodeParty: string | undefined }) {
  const { t } = useI18n();
  const foreign = e.actor.party !== undefined && nodeParty !== undefined && e.actor.party !== nodeParty;
  return (
    <>
      {e.actor.kind}:{e.actor.id}
      {e.actor.party ? ` (${e.actor.party})` : ''}
      {foreign && (
        <>
          {' '}
          <span className="tag tag-foreign">{t('admin.user.foreign')}</span>
        </>
      )}
    </>
  );
}

function AuditEntries({ nodeParty }: { nodeParty: string | undefined }) {
  const { t, dateTime } = useI18n();
  const actionName = useAuditAction();
  const [action, setAction] = useState('');
  const [afters, setAfters] = useState<(number | string)[]>([]);
  const after = afters.at(-1);
  const r = useApi(
    (signal) =>
      api<AuditPage>(
        `/audit?limit=50${action ? `&action=${encodeURIComponent(action)}` : ''}${after !== undefined ? `&after=${encodeURIComponent(String(after))}` : ''}`,
        { signal },
      ),
    `${action}|${after ?? ''}`,
  );
  return (
    <>
      <label>
        {t('admin.actionFilter')}{' '}
        <input
          type="search"
          value={action}
          onChange={(e) => {
            setAction(e.target.value.trim());
            setAfters([]);
          }}
        />
      </label>
      {r.error !== undefined && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.loading ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table className="audit">
            <thead>
              <tr>
                <th scope="col">{t('admin.seq')}</th>
                <th scope="col">{t('admin.at')}</th>
                <th scope="col">{t('admin.actor')}</th>
                <th scope="col">{t('admin.action')}</th>
                <th scope="col">{t('admin.details')}</th>
              </tr>
            </thead>
            <tbody>
              {r.data?.items.map((e, i) => (
                <tr key={e.seq ?? `${afters.length}:${i}`}>
                  <td>{e.seq ?? '—'}</td>
                  <td>{dateTime(e.at)}</td>
                  <td>
                    <Actor e={e} nodeParty={nodeParty} />
                  </td>
                  <td>
                    <span title={e.action}>{actionName(e.action)}</span>
                  </td>
                  <td className="details">
                    <AuditSummary e={e} />
                    {e.redacted && <span className="muted small"> {t('admin.redacted')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        atStart={afters.length === 0}
        hasNext={r.data?.next != null}
        shown={r.data?.items.length ?? 0}
        onFirst={() => setAfters([])}
        onNext={() => r.data?.next != null && setAfters([...afters, r.data.next])}
      />
    </>
  );
}

/**
 * The audit log as the Administration page shows it: with the chain's verification for the
 * node's Party, and only the Party's own entries for another Party's administrator.
 */
export function AuditLog({ party, nodeAdmin }: { party: string; nodeAdmin: boolean }) {
  const { t } = useI18n();
  const nodeParty = useSession().info?.node_party;
  return (
    <section className="card" aria-labelledby="a-audit">
      <h2 id="a-audit">{t('admin.audit')}</h2>
      {nodeAdmin ? <VerifyBox /> : <p className="muted">{t('admin.auditOwnOnly', { party })}</p>}
      <AuditEntries nodeParty={nodeParty} />
    </section>
  );
}

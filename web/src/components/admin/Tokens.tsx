import { type FormEvent, useRef, useState } from 'react';
import { useI18n } from '../../i18n/index.js';
import { api } from '../../lib/api.js';
import { useApi } from '../../lib/use-api.js';
import { ErrorBox } from '../ErrorBox.js';
import { Loading } from '../Loading.js';
import { ConfirmButton } from './ConfirmButton.js';
import type { AdminUser, ApiToken, TokenList } from './types.js';
import { useAction } from './use-action.js';

/** A new token's secret, shown this once: the node keeps only its hash. */
function Secret({ token, onDismiss }: { token: ApiToken & { token: string }; onDismiss(): void }) {
  const { t } = useI18n();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | ''>('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('yes');
    } catch {
      // No clipboard (an http page, or permission refused): select it for Ctrl-C instead.
      field.current?.select();
      setCopied('no');
    }
  };
  return (
    <div className="secret" role="status">
      <p>
        <strong>{t('admin.token.secret', { name: token.name, user: token.user })}</strong>
      </p>
      <div className="actions">
        <label htmlFor="new-token" className="visually-hidden">
          {t('admin.token.secretLabel')}
        </label>
        <input id="new-token" ref={field} readOnly value={token.token} className="mono" size={56} />
        <button type="button" className="primary" onClick={() => void copy()}>
          {t('admin.token.copy')}
        </button>
        <button type="button" onClick={onDismiss}>
          {t('admin.token.dismiss')}
        </button>
      </div>
      {copied && (
        <p className="small">{copied === 'yes' ? t('admin.token.copied') : t('admin.token.copyByHand')}</p>
      )}
    </div>
  );
}

function CreateToken({ me, users, onDone }: { me: string; users: AdminUser[]; onDone(): void }) {
  const { t } = useI18n();
  const [user, setUser] = useState(me);
  const [name, setName] = useState('');
  const [made, setMade] = useState<(ApiToken & { token: string }) | null>(null);
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMade(null);
    await action.run(async () => {
      setMade(await api<ApiToken & { token: string }>('/tokens', { method: 'POST', body: { user, name } }));
      setName('');
      onDone();
    });
  };
  const live = users.filter((u) => !u.disabled);
  return (
    <>
      {made && <Secret token={made} onDismiss={() => setMade(null)} />}
      <details className="admin-form">
        <summary>{t('admin.token.create')}</summary>
        <form onSubmit={submit} className="stack">
          <label htmlFor="tok-user">{t('admin.token.user')}</label>
          <select id="tok-user" value={user} onChange={(e) => setUser(e.target.value)}>
            {(live.some((u) => u.name === me) ? live : [{ name: me } as AdminUser, ...live]).map((u) => (
              <option key={u.name} value={u.name}>
                {u.name}
              </option>
            ))}
          </select>
          <label htmlFor="tok-name">{t('admin.token.name')}</label>
          <input
            id="tok-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={100}
            autoComplete="off"
          />
          {action.error !== undefined && <ErrorBox error={action.error} />}
          <button type="submit" className="primary" disabled={action.busy}>
            {t('admin.token.createSubmit')}
          </button>
        </form>
      </details>
    </>
  );
}

function TokenRow({ tok, onDone }: { tok: ApiToken; onDone(): void }) {
  const { t, dateTime } = useI18n();
  const action = useAction();
  const revoke = () => void action.run(() => api(`/tokens/${tok.id}`, { method: 'DELETE' })).then(onDone);
  return (
    <tr className={tok.revoked_at ? 'is-revoked' : undefined} data-token={tok.name}>
      <th scope="row">{tok.name}</th>
      <td>{tok.user}</td>
      <td>{dateTime(tok.created_at)}</td>
      <td>{tok.last_used_at ? dateTime(tok.last_used_at) : t('admin.token.never')}</td>
      <td>
        {tok.revoked_at ? (
          <span className="warn">{t('admin.token.revokedOn', { at: dateTime(tok.revoked_at) })}</span>
        ) : (
          <ConfirmButton
            label={t('admin.token.revoke')}
            question={t('admin.token.confirmRevoke', { name: tok.name, user: tok.user })}
            disabled={action.busy}
            onConfirm={revoke}
          />
        )}
        {action.error !== undefined && <ErrorBox error={action.error} />}
      </td>
    </tr>
  );
}

/** API tokens of every user (GET/POST /tokens, DELETE /tokens/:id). */
export function Tokens({ me, users, round }: { me: string; users: AdminUser[]; round: number }) {
  const { t } = useI18n();
  const [showRevoked, setShowRevoked] = useState(false);
  // `round` changes when a user changed: disabling one revokes their tokens.
  const r = useApi((signal) => api<TokenList>('/tokens', { signal }), `tokens|${round}`);
  const items = (r.data?.items ?? []).filter((x) => showRevoked || !x.revoked_at);
  return (
    <section className="card" aria-labelledby="a-tokens">
      <h2 id="a-tokens">{t('admin.tokens')}</h2>
      <CreateToken me={me} users={users} onDone={r.reload} />
      <label>
        <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} />{' '}
        {t('admin.token.showRevoked')}
      </label>
      {r.error !== undefined && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.loading && !r.data && <Loading />}
      {r.data && items.length === 0 && <p className="muted">{t('common.none')}</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="admin-tokens">
            <thead>
              <tr>
                <th scope="col">{t('admin.token.name')}</th>
                <th scope="col">{t('admin.token.user')}</th>
                <th scope="col">{t('admin.token.created')}</th>
                <th scope="col">{t('admin.token.lastUsed')}</th>
                <th scope="col">{t('admin.token.state')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((tok) => (
                <TokenRow key={tok.id} tok={tok} onDone={r.reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

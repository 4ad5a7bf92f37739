import { useCallback, useState } from 'react';
import '../admin.css';
import { AuditLog } from '../components/admin/AuditLog.js';
import { Peers } from '../components/admin/Peers.js';
import { Tokens } from '../components/admin/Tokens.js';
import type { UserList } from '../components/admin/types.js';
import { Users } from '../components/admin/Users.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { useSession } from '../lib/session.js';
import { useApi } from '../lib/use-api.js';

/** Users and tokens: one list of users feeds both, and a change to a user reloads the tokens. */
function Accounts({ me, nodeAdmin }: { me: string; nodeAdmin: boolean }) {
  const users = useApi((signal) => api<UserList>('/users', { signal }), 'users');
  // Disabling a user revokes their tokens: the token list must be read again after a change.
  const [round, setRound] = useState(0);
  const reload = users.reload;
  const changed = useCallback(() => {
    reload();
    setRound((n) => n + 1);
  }, [reload]);
  return (
    <>
      <Users me={me} list={{ ...users, reload: changed }} canAdd={nodeAdmin} />
      <Tokens round={round} me={me} users={users.data?.items ?? []} />
    </>
  );
}

export function Admin({ paths }: { paths: Set<string> }) {
  const { t } = useI18n();
  const info = useSession().info!;
  const { name, role, party } = info.user;
  // An administrator of another Party than the node's manages its own Party's people only:
  // peers and the whole chain's verification are the node's Party's (docs/administration.md).
  const nodeAdmin = info.node_party === undefined || info.node_party === party;
  if (role !== 'admin')
    return (
      <>
        <h1 tabIndex={-1}>{t('admin.title')}</h1>
        <p className="warn">{t('admin.adminsOnly')}</p>
      </>
    );
  // A node of an older version may lack these routes: the console calls only what it offers.
  const offered = (p: string) => paths.has(`/api/v1/${p}`);
  const missing = (key: 'admin.users' | 'admin.tokens' | 'admin.peers') => (
    <section className="card">
      <h2>{t(key)}</h2>
      <p className="muted">{t('admin.notOffered')}</p>
    </section>
  );
  return (
    <>
      <h1 tabIndex={-1}>{t('admin.title')}</h1>
      {!nodeAdmin && (
        <p className="warn" role="note">
          {t('admin.foreignAdmin', { party, node: info.node_party ?? '' })}
        </p>
      )}
      {offered('users') && offered('tokens') ? (
        <Accounts me={name} nodeAdmin={nodeAdmin} />
      ) : (
        missing('admin.users')
      )}
      {nodeAdmin && (offered('peers') ? <Peers /> : missing('admin.peers'))}
      <AuditLog party={party} nodeAdmin={nodeAdmin} />
    </>
  );
}

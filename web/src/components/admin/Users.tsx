import { type FormEvent, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.js';
import { api } from '../../lib/api.js';
import type { Loaded } from '../../lib/use-api.js';
import { ErrorBox } from '../ErrorBox.js';
import { Loading } from '../Loading.js';
import { ConfirmButton } from './ConfirmButton.js';
import { type AdminUser, ROLES, type Role } from './types.js';
import { useAction } from './use-action.js';

function RoleSelect({ id, value, onChange }: { id: string; value: Role; onChange(r: Role): void }) {
  const { t } = useI18n();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as Role)}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`role.${r}`)}
        </option>
      ))}
    </select>
  );
}

function AddUser({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [password, setPassword] = useState('');
  const [added, setAdded] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAdded('');
    const ok = await action.run(() => api('/users', { method: 'POST', body: { name, role, password } }));
    if (ok) {
      setAdded(name);
      setName('');
      setPassword('');
      onDone();
    }
  };
  return (
    <details className="admin-form">
      <summary>{t('admin.user.add')}</summary>
      <form onSubmit={submit} className="stack">
        <label htmlFor="u-name">{t('admin.user.name')}</label>
        <input
          id="u-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={64}
          autoComplete="off"
        />
        <label htmlFor="u-role">{t('admin.user.role')}</label>
        <RoleSelect id="u-role" value={role} onChange={setRole} />
        <label htmlFor="u-password">{t('admin.user.password')}</label>
        <input
          id="u-password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          minLength={10}
          autoComplete="new-password"
        />
        {action.error !== undefined && <ErrorBox error={action.error} />}
        <button type="submit" className="primary" disabled={action.busy}>
          {t('admin.user.addSubmit')}
        </button>
      </form>
      {added && (
        <p role="status" className="ok">
          {t('admin.user.added', { name: added })}
        </p>
      )}
    </details>
  );
}

/** One user's row: change the role, disable or enable, set a new password. */
function UserRow({ u, self, onDone }: { u: AdminUser; self: boolean; onDone(): void }) {
  const { t, dateTime } = useI18n();
  const [role, setRole] = useState<Role>(u.role);
  const [password, setPassword] = useState('');
  const [done, setDone] = useState('');
  const action = useAction();
  // After a reload the picker starts from the role the node now holds.
  useEffect(() => setRole(u.role), [u.role]);
  const patch = async (body: object, message: string) => {
    setDone('');
    if (await action.run(() => api(`/users/${u.id}`, { method: 'PATCH', body }))) {
      setDone(message);
      setPassword('');
      onDone();
    }
  };
  return (
    <tr className={u.disabled ? 'is-disabled' : undefined} data-user={u.name}>
      <th scope="row">
        {u.name} {self && <span className="muted">{t('admin.user.you')}</span>}
      </th>
      <td>
        {u.party}
        {u.foreign_party && (
          <>
            {' '}
            <span className="tag tag-foreign" title={t('admin.user.foreignHint')}>
              {t('admin.user.foreign')}
            </span>
          </>
        )}
      </td>
      <td>{dateTime(u.created_at)}</td>
      <td className={u.disabled ? 'warn' : 'ok'}>
        {u.disabled ? t('admin.user.disabled') : t('admin.user.active')}
      </td>
      <td>
        <div className="actions">
          <label htmlFor={`role-${u.id}`} className="visually-hidden">
            {t('admin.user.roleOf', { name: u.name })}
          </label>
          <RoleSelect id={`role-${u.id}`} value={role} onChange={setRole} />
          <button
            type="button"
            disabled={action.busy || role === u.role || self}
            onClick={() => void patch({ role }, t('admin.user.roleChanged', { name: u.name }))}
          >
            {t('admin.user.changeRole')}
          </button>
          {u.disabled ? (
            <button
              type="button"
              disabled={action.busy}
              onClick={() => void patch({ disabled: false }, t('admin.user.enabled', { name: u.name }))}
            >
              {t('admin.user.enable')}
            </button>
          ) : (
            !self && (
              <ConfirmButton
                label={t('admin.user.disable')}
                question={t('admin.user.confirmDisable', { name: u.name })}
                disabled={action.busy}
                onConfirm={() =>
                  void patch({ disabled: true }, t('admin.user.disabledDone', { name: u.name }))
                }
              />
            )
          )}
        </div>
        <details className="admin-inline">
          <summary>{t('admin.user.resetPassword')}</summary>
          <form
            className="actions"
            onSubmit={(e) => {
              e.preventDefault();
              void patch({ password }, t('admin.user.passwordSet', { name: u.name }));
            }}
          >
            <label htmlFor={`pw-${u.id}`}>{t('admin.user.newPassword', { name: u.name })}</label>
            <input
              id={`pw-${u.id}`}
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              minLength={10}
              autoComplete="new-password"
            />
            <button type="submit" disabled={action.busy}>
              {t('admin.user.setPassword')}
            </button>
          </form>
        </details>
        {done && (
          <p role="status" className="ok small">
            {done}
          </p>
        )}
        {action.error !== undefined && <ErrorBox error={action.error} />}
      </td>
    </tr>
  );
}

/**
 * The users an administrator may see (GET/POST /users, PATCH /users/:id): another Party's
 * administrator sees only their Party's and adds none (the node's operator does).
 */
export function Users({
  me,
  list,
  canAdd,
}: {
  me: string;
  list: Loaded<{ items: AdminUser[] }>;
  canAdd: boolean;
}) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="a-users">
      <h2 id="a-users">{t('admin.users')}</h2>
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <div className="table-wrap">
          <table className="admin-users">
            <thead>
              <tr>
                <th scope="col">{t('admin.user.name')}</th>
                <th scope="col">{t('admin.user.party')}</th>
                <th scope="col">{t('admin.user.created')}</th>
                <th scope="col">{t('admin.user.state')}</th>
                <th scope="col">{t('admin.user.roleAndActions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((u) => (
                <UserRow key={u.id} u={u} self={u.name === me} onDone={list.reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canAdd ? <AddUser onDone={list.reload} /> : <p className="muted">{t('admin.user.addByOperator')}</p>}
    </section>
  );
}

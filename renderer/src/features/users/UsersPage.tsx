// Users (admins): who can sign in, with which role, team and store; create, edit (role included),
// disable and enable.
import { useState } from 'react';
import type { UserView } from '../../../../common/api/users.ts';
import type { AppError } from '../../../../common/result.ts';
import { useHub, useHubQuery, useMe } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { errorText } from '../../ui/errors.ts';
import { formatDate } from '../../ui/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { EmptyState, ErrorState, Loading, Notice, Spinner } from '../../ui/States.tsx';
import { UserFormDialog } from './UserFormDialog.tsx';

type Editing = { mode: 'create' } | { mode: 'edit'; user: UserView } | null;

export function UsersPage() {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const me = useMe();
  const query = useHubQuery('user.list', {});
  const [editing, setEditing] = useState<Editing>(null);
  const [confirmDisable, setConfirmDisable] = useState<UserView | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [rowError, setRowError] = useState<AppError | null>(null);
  usePageTitle(t('users:List.title'));

  const users = query.state.data;
  const replace = (user: UserView) => {
    if (!users) return;
    const exists = users.some((u) => u.id === user.id);
    query.setData(exists ? users.map((u) => (u.id === user.id ? user : u)) : [...users, user]);
  };

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>{t('users:List.title')}</h1>
          <p className="page__subtitle muted">{t('users:List.subtitle')}</p>
        </div>
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => {
            setDone(null);
            setEditing({ mode: 'create' });
          }}
        >
          <Icon name="plus" /> {t('users:List.create')}
        </button>
      </header>
      {done ? <Notice tone="success">{done}</Notice> : null}
      {rowError ? <Notice tone="error">{errorText(t, rowError)}</Notice> : null}
      {query.state.status === 'loading' ? (
        <Loading label={t('users:List.loading')} />
      ) : query.state.status === 'error' ? (
        <ErrorState error={query.state.error} onRetry={query.reload} title={t('users:List.loadError')} />
      ) : query.state.data.length === 0 ? (
        <EmptyState icon="users" title={t('users:List.empty')} />
      ) : (
        <div className="card card--flush table-scroll">
          <table className="table table--rows">
            <caption className="visually-hidden">{t('users:List.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users:Column.name')}</th>
                <th scope="col">{t('users:Column.role')}</th>
                <th scope="col" className="hide-narrow">
                  {t('users:Column.team')}
                </th>
                <th scope="col">{t('users:Column.store')}</th>
                <th scope="col">{t('users:Column.status')}</th>
                <th scope="col" className="hide-narrow">
                  {t('users:Column.created')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('users:Column.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...query.state.data]
                .sort((a, b) => Number(a.disabled) - Number(b.disabled) || a.displayName.localeCompare(b.displayName, locale))
                .map((user) => (
                  <tr key={user.id} className={user.disabled ? 'is-disabled' : undefined}>
                    <td>
                      <div className="cell-strong">
                        {user.displayName}
                        {user.id === me.id ? <span className="badge badge--accent">{t('users:List.you')}</span> : null}
                      </div>
                      <div className="muted small">{user.email}</div>
                    </td>
                    <td>
                      <span className={`badge role role--${user.role}`}>{t(`common:Role.${user.role}`)}</span>
                    </td>
                    <td className="hide-narrow">{user.teamName ?? <span className="muted">—</span>}</td>
                    <td>{user.storeName ?? <span className="muted">—</span>}</td>
                    <td>
                      {user.disabled ? (
                        <span className="badge badge--neutral">{t('users:Status.disabled')}</span>
                      ) : (
                        <span className="badge badge--ok">{t('users:Status.active')}</span>
                      )}
                    </td>
                    <td className="hide-narrow">{formatDate(user.createdAt, locale)}</td>
                    <td className="actions">
                      <button
                        type="button"
                        className="btn btn--ghost btn--small"
                        onClick={() => {
                          setDone(null);
                          setEditing({ mode: 'edit', user });
                        }}
                        aria-label={t('users:Action.editUser', { name: user.displayName })}
                      >
                        <Icon name="edit" /> <span className="hide-narrow">{t('users:Action.edit')}</span>
                      </button>
                      {user.id === me.id ? null : user.disabled ? (
                        <ToggleButton user={user} disabled={false} onDone={replace} onError={setRowError} onSuccess={setDone} />
                      ) : (
                        <button
                          type="button"
                          className="btn btn--ghost btn--small btn--danger"
                          onClick={() => {
                            setDone(null);
                            setConfirmDisable(user);
                          }}
                          aria-label={t('users:Action.disableUser', { name: user.displayName })}
                        >
                          <Icon name="ban" /> <span className="hide-narrow">{t('users:Action.disable')}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}

      {editing ? (
        <UserFormDialog
          user={editing.mode === 'edit' ? editing.user : null}
          isSelf={editing.mode === 'edit' && editing.user.id === me.id}
          onClose={() => setEditing(null)}
          onSaved={(user) => {
            replace(user);
            setDone(editing.mode === 'create' ? t('users:Form.created', { name: user.displayName }) : t('users:Form.updated', { name: user.displayName }));
            setEditing(null);
          }}
        />
      ) : null}

      {confirmDisable ? (
        <ConfirmDisable
          user={confirmDisable}
          onClose={() => setConfirmDisable(null)}
          onDone={(user) => {
            replace(user);
            setDone(t('users:Disable.done', { name: user.displayName }));
            setConfirmDisable(null);
          }}
        />
      ) : null}
    </div>
  );
}

function ToggleButton({
  user,
  disabled,
  onDone,
  onError,
  onSuccess,
}: {
  user: UserView;
  disabled: boolean;
  onDone: (user: UserView) => void;
  onError: (error: AppError | null) => void;
  onSuccess: (text: string) => void;
}) {
  const { t } = useT();
  const hub = useHub();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="btn btn--ghost btn--small"
      disabled={busy}
      aria-busy={busy}
      aria-label={t('users:Action.enableUser', { name: user.displayName })}
      onClick={async () => {
        setBusy(true);
        onError(null);
        const result = await hub.call('user.update', { id: user.id, disabled });
        setBusy(false);
        if (result.ok) {
          onDone(result.data);
          onSuccess(t('users:Enable.done', { name: result.data.displayName }));
        } else onError(result.error);
      }}
    >
      {busy ? <Spinner /> : <Icon name="check" />} <span className="hide-narrow">{t('users:Action.enable')}</span>
    </button>
  );
}

function ConfirmDisable({ user, onClose, onDone }: { user: UserView; onClose: () => void; onDone: (user: UserView) => void }) {
  const { t } = useT();
  const hub = useHub();
  return (
    <ConfirmDialog
      title={t('users:Disable.title', { name: user.displayName })}
      confirmText={t('users:Disable.confirm')}
      icon="ban"
      tone="danger"
      onClose={onClose}
      run={() => hub.call('user.update', { id: user.id, disabled: true })}
      onDone={onDone}
    >
      <p>{t('users:Disable.body', { name: user.displayName, email: user.email })}</p>
    </ConfirmDialog>
  );
}

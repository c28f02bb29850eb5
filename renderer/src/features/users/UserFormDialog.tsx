// Create or edit a user: email (on create), name, role, team, store (required for store staff), password.
import { useId, useState, type FormEvent } from 'react';
import { UserCreateInput, UserUpdateInput, type UserView } from '../../../../common/api/users.ts';
import { Role } from '../../../../common/domain/enums.ts';
import { fieldErrors, type AppError } from '../../../../common/result.ts';
import { useHub, useHubQuery } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { Dialog, FormDialogFooter } from '../../ui/Dialog.tsx';
import { errorText, fieldErrorMap, fieldMessage } from '../../ui/errors.ts';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { Notice } from '../../ui/States.tsx';

/** A readable random password (no look-alike characters), from the browser's CSPRNG. */
export function generatePassword(length = 14): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

export function UserFormDialog({
  user,
  isSelf,
  onClose,
  onSaved,
}: {
  user: UserView | null;
  isSelf: boolean;
  onClose: () => void;
  onSaved: (user: UserView) => void;
}) {
  const { t } = useT();
  const hub = useHub();
  const formId = useId();
  const teams = useHubQuery('team.list', {});
  const stores = useHubQuery('store.list', {});
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'agent');
  const [teamId, setTeamId] = useState(user?.teamId ?? '');
  const [storeId, setStoreId] = useState(user?.storeId ?? '');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const fields = fieldErrorMap(error?.fields);
  const fieldError = (path: string) => (fields[path] ? fieldMessage(t, fields[path]) : undefined);
  const needsStore = role === 'store_staff';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const common = {
      displayName,
      role,
      teamId: teamId || null,
      storeId: needsStore ? storeId || null : null,
    };
    if (user) {
      const input = { id: user.id, ...common, ...(password ? { password } : {}) };
      const local = UserUpdateInput.safeParse(input);
      if (!local.success) return setError({ code: 'BAD_REQUEST', message: 'invalid', fields: fieldErrors(local.error) });
      setBusy(true);
      const result = await hub.call('user.update', input);
      setBusy(false);
      if (result.ok) onSaved(result.data);
      else setError(result.error);
    } else {
      const input = { email, password, ...common };
      const local = UserCreateInput.safeParse(input);
      if (!local.success) {
        const errors = fieldErrors(local.error).map((f) =>
          (f.path === 'email' && !email.trim()) || (f.path === 'displayName' && !displayName.trim()) ? { ...f, message: 'required' } : f,
        );
        return setError({ code: 'BAD_REQUEST', message: 'invalid', fields: errors });
      }
      setBusy(true);
      const result = await hub.call('user.create', input);
      setBusy(false);
      if (result.ok) onSaved(result.data);
      else setError(result.error);
    }
  };

  return (
    <Dialog
      title={user ? t('users:Form.editTitle', { name: user.displayName }) : t('users:Form.createTitle')}
      onClose={onClose}
      footer={<FormDialogFooter formId={formId} busy={busy} onCancel={onClose} submitLabel={user ? t('users:Form.save') : t('users:Form.create')} />}
    >
      <form id={formId} className="form" onSubmit={submit} noValidate>
        {error && error.code === 'CONFLICT' ? <Notice tone="error">{t('users:Form.emailTaken')}</Notice> : null}
        {error && error.code !== 'BAD_REQUEST' && error.code !== 'CONFLICT' ? <Notice tone="error">{errorText(t, error)}</Notice> : null}
        {user ? (
          <p className="muted">{user.email}</p>
        ) : (
          <TextField
            label={t('users:Form.email')}
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldError('email')}
          />
        )}
        <TextField
          label={t('users:Form.displayName')}
          required
          autoComplete="off"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={fieldError('displayName')}
        />
        <div className="form-grid">
          <SelectField
            label={t('users:Form.role')}
            value={role}
            disabled={isSelf}
            hint={isSelf ? t('users:Form.ownRoleHint') : undefined}
            onChange={(e) => setRole(e.target.value as Role)}
            error={fieldError('role')}
          >
            {Role.options.map((option) => (
              <option key={option} value={option}>
                {t(`common:Role.${option}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('users:Form.team')}
            value={teamId}
            onChange={(e) => setTeamId(e.target.value)}
            error={fieldError('teamId')}
            hint={teams.state.status === 'error' ? errorText(t, teams.state.error) : undefined}
          >
            <option value="">{t('users:Form.noTeam')}</option>
            {(teams.state.data ?? []).map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </SelectField>
        </div>
        {needsStore ? (
          <SelectField
            label={t('users:Form.store')}
            required
            value={storeId}
            onChange={(e) => setStoreId(e.target.value)}
            error={fieldError('storeId')}
            hint={stores.state.status === 'error' ? errorText(t, stores.state.error) : t('users:Form.storeHint')}
          >
            <option value="">{t('users:Form.chooseStore')}</option>
            {(stores.state.data ?? []).map((store) => (
              <option key={store.id} value={store.id}>
                {store.city} — {store.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <div className="password-field">
          <TextField
            label={user ? t('users:Form.newPassword') : t('users:Form.password')}
            type={showPassword ? 'text' : 'password'}
            required={!user}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={fieldError('password')}
            hint={user ? t('users:Form.newPasswordHint') : t('users:Form.passwordHint')}
          />
          <button
            type="button"
            className="btn btn--ghost btn--small password-field__generate"
            onClick={() => {
              setPassword(generatePassword());
              setShowPassword(true);
            }}
          >
            {t('users:Form.generate')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

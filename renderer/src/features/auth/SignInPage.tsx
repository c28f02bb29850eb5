// Sign-in: email and password; one generic message for a wrong pair (never which of the two), the hub's
// rate limit, and field errors beside the inputs.
import { useState, type FormEvent } from 'react';
import { SignInInput } from '../../../../common/api/auth.ts';
import { fieldErrors } from '../../../../common/result.ts';
import { useSession, useSessionStore } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { LanguageSwitch } from '../../app/Shell.tsx';
import { signInRequest, type SignInFailure } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { errorText, fieldErrorMap, fieldMessage } from '../../ui/errors.ts';
import { TextField } from '../../ui/Field.tsx';
import { Icon, Logo } from '../../ui/Icon.tsx';
import { Notice, Spinner } from '../../ui/States.tsx';

export function SignInPage() {
  const { t } = useT();
  const store = useSessionStore();
  const { notice } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<SignInFailure | null>(null);
  usePageTitle(t('auth:SignIn.title'));

  const fields = fieldErrorMap(failure?.fields);
  const fieldError = (path: string) => (fields[path] ? fieldMessage(t, fields[path]) : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    store.dismissNotice();
    const local = SignInInput.safeParse({ email, password });
    if (!local.success) {
      const fields = fieldErrors(local.error).map((field) =>
        (field.path === 'email' && !email.trim()) || (field.path === 'password' && !password) ? { ...field, message: 'required' } : field,
      );
      setFailure({ code: 'BAD_REQUEST', message: 'invalid', fields });
      return;
    }
    setBusy(true);
    setFailure(null);
    const result = await signInRequest(local.data.email, local.data.password);
    setBusy(false);
    if (result.ok) store.signIn(result.data);
    else setFailure(result.error);
  };

  let message: string | null = null;
  if (failure) {
    if (failure.code === 'UNAUTHENTICATED') message = t('auth:SignIn.wrongCredentials');
    else if (failure.code === 'RATE_LIMITED')
      message = failure.retryAfterSeconds
        ? t('auth:SignIn.rateLimitedFor', { count: failure.retryAfterSeconds })
        : t('auth:SignIn.rateLimited');
    else if (failure.code === 'BAD_REQUEST') message = failure.fields?.length ? null : t('auth:SignIn.checkFields');
    else if (failure.code === 'FORBIDDEN') message = t('auth:SignIn.disabled');
    else message = errorText(t, failure);
  }

  return (
    <div className="signin">
      <div className="signin__lang">
        <LanguageSwitch />
      </div>
      <div className="signin__card">
        <div className="signin__brand">
          <Logo size={40} />
          <div>
            <h1>{t('common:Product.name')}</h1>
            <p className="muted">{t('auth:SignIn.tagline')}</p>
          </div>
        </div>
        <h2 className="signin__title">{t('auth:SignIn.title')}</h2>
        {notice ? <Notice tone="info">{t(`auth:Notice.${notice}`)}</Notice> : null}
        {message ? <Notice tone="error">{message}</Notice> : null}
        <form className="form" onSubmit={submit} noValidate aria-label={t('auth:SignIn.title')}>
          <TextField
            label={t('auth:SignIn.email')}
            type="email"
            name="email"
            autoComplete="username"
            inputMode="email"
            autoFocus
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldError('email')}
          />
          <div className="password-field">
            <TextField
              label={t('auth:SignIn.password')}
              type={showPassword ? 'text' : 'password'}
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={fieldError('password')}
            />
            <button
              type="button"
              className="btn btn--ghost btn--icon password-field__toggle"
              aria-pressed={showPassword}
              aria-label={t('auth:SignIn.showPassword')}
              title={t('auth:SignIn.showPassword')}
              onClick={() => setShowPassword((v) => !v)}
            >
              <Icon name={showPassword ? 'eyeOff' : 'eye'} />
            </button>
          </div>
          <button type="submit" className="btn btn--primary btn--block" disabled={busy} aria-busy={busy}>
            {busy ? <Spinner /> : null}
            {busy ? t('auth:SignIn.submitting') : t('auth:SignIn.submit')}
          </button>
        </form>
      </div>
      <p className="signin__foot muted">{t('auth:SignIn.footer')}</p>
    </div>
  );
}

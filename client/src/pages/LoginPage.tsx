import { LogIn } from 'lucide-react';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, useLocation, useSearch } from 'wouter';
import { useAuth } from '../auth/AuthContext';
import { AuthLayout, AuthSplash } from '../auth/AuthLayout';
import { login } from '../auth/authApi';
import { authErrorMessage } from '../auth/errors';
import { safeNext } from '../auth/nextPath';
import { FormMessage, PasswordField, TextField } from '../components/Field';

/** A NIP may be typed with the usual spaces ("19800101 200501 1 001"); emails are kept as typed. */
function normaliseLogin(v: string): string {
  const trimmed = v.trim();
  return /^[\d\s]+$/.test(trimmed) ? trimmed.replace(/\s+/g, '') : trimmed;
}

/** `/login`: email or NIP and password, then on to `?next=` (default the list). */
export function LoginPage() {
  const { t } = useTranslation('auth');
  const { t: tApp } = useTranslation();
  const auth = useAuth();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(useSearch());
  const next = safeNext(params.get('next'));
  const [loginValue, setLoginValue] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  if (auth.status === 'loading') return <AuthSplash label={tApp('app.loading')} />;
  if (auth.status === 'setup-needed') return <Redirect to="/setup" replace />;
  // Already signed in (e.g. the back button after login): no second login. A guest
  // (meeting link) may still sign in with an account here.
  if (auth.status === 'signed-in' && auth.user?.kind !== 'guest' && !busy)
    return <Redirect to={next} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const id = normaliseLogin(loginValue);
    if (!id || !password) {
      setError(t('login.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await login(id, password);
      await auth.refresh();
      navigate(next, { replace: true });
    } catch (err) {
      setError(authErrorMessage(t, err));
      setPassword('');
      // Ready to type the password again (the error is read out by its alert role).
      formRef.current?.querySelector<HTMLInputElement>('input[name="password"]')?.focus();
    } finally {
      setBusy(false);
    }
  }

  const notice = params.has('bye')
    ? t('login.bye')
    : params.has('next') && !error
      ? t('login.sessionEnded')
      : null;

  return (
    <AuthLayout
      agencyName={auth.agency?.name}
      title={t('login.title')}
      subtitle={t('login.subtitle')}
      footer={<p>{t('login.forgot')}</p>}
    >
      <form ref={formRef} className="auth-form" onSubmit={submit} noValidate>
        {error ? (
          <FormMessage kind="error" testId="login-error">
            {error}
          </FormMessage>
        ) : (
          notice && <FormMessage kind="info">{notice}</FormMessage>
        )}
        <TextField
          label={t('login.login')}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          value={loginValue}
          onChange={(e) => setLoginValue(e.target.value)}
          testId="login-email"
        />
        <PasswordField
          label={t('login.password')}
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          testId="login-password"
        />
        <button
          type="submit"
          className="btn btn-primary btn-lg auth-submit"
          disabled={busy}
          data-testid="login-submit"
        >
          <LogIn aria-hidden />
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}

import { KeyRound } from 'lucide-react';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormMessage, PasswordField } from '../../components/Field';
import { ApiError } from '../../lib/api';
import { changePassword } from '../authApi';
import { authErrorMessage } from '../errors';
import { checkPassword, type FieldErrors, focusFirstInvalid, isValid } from '../validation';

/** A wrong current password: any 400/401/403 that is not "no session". */
function isWrongCurrent(e: unknown): boolean {
  return (
    e instanceof ApiError &&
    [400, 401, 403].includes(e.status) &&
    e.code !== 'unauthenticated' &&
    e.issues.length === 0
  );
}

/** Change the password (`POST /api/auth/password`); the server ends the other sessions. */
export function PasswordSection({ username }: { username: string }) {
  const { t } = useTranslation('auth');
  const formRef = useRef<HTMLFormElement>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const pw = checkPassword(t, next, again);
    const found = {
      current: current ? undefined : t('validation.required'),
      next: pw.password,
      again: pw.again,
    };
    setErrors(found);
    setMessage(null);
    if (!isValid(found)) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setAgain('');
      setMessage({ kind: 'success', text: t('account.password.saved') });
    } catch (err) {
      if (isWrongCurrent(err)) {
        setErrors({ current: t('account.password.wrongCurrent') });
        focusFirstInvalid(formRef.current);
      } else {
        setMessage({ kind: 'error', text: authErrorMessage(t, err) });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card account-section" aria-labelledby="account-password">
      <header className="account-section-head">
        <h2 id="account-password">{t('account.password.title')}</h2>
        <p className="muted">{t('account.password.description')}</p>
      </header>
      <form ref={formRef} className="auth-form" onSubmit={submit} noValidate>
        {/* Lets password managers pair the new password with this account. */}
        <input type="text" autoComplete="username" value={username} hidden readOnly />
        <div className="auth-grid auth-grid-3">
          <PasswordField
            label={t('account.password.current')}
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            error={errors.current}
            testId="password-current"
          />
          <PasswordField
            label={t('account.password.new')}
            autoComplete="new-password"
            hint={t('setup.passwordHint')}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            error={errors.next}
            testId="password-new"
          />
          <PasswordField
            label={t('account.password.confirm')}
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            error={errors.again}
            testId="password-new2"
          />
        </div>
        {message && <FormMessage kind={message.kind}>{message.text}</FormMessage>}
        <div className="account-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            <KeyRound aria-hidden />
            {busy ? t('account.password.saving') : t('account.password.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

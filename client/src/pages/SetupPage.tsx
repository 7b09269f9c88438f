import { Rocket } from 'lucide-react';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect, useLocation } from 'wouter';
import { useAuth } from '../auth/AuthContext';
import { AuthLayout, AuthSplash } from '../auth/AuthLayout';
import { postSetup } from '../auth/authApi';
import { authErrorMessage, issuesByField } from '../auth/errors';
import {
  checkEmail,
  checkNip,
  checkPassword,
  checkRequired,
  type FieldErrors,
  focusFirstInvalid,
  isValid,
  normaliseNip,
} from '../auth/validation';
import { FormMessage, PasswordField, TextField } from '../components/Field';
import { ApiError } from '../lib/api';

const EMPTY = {
  agencyName: '',
  name: '',
  title: '',
  nip: '',
  email: '',
  password: '',
  password2: '',
};
type Values = typeof EMPTY;

/** `/setup`: first run on a fresh server — the agency and the first administrator. */
export default function SetupPage() {
  const { t } = useTranslation('auth');
  const { t: tApp } = useTranslation();
  const auth = useAuth();
  const [, navigate] = useLocation();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; setUp: boolean } | null>(null);

  if (auth.status === 'loading') return <AuthSplash label={tApp('app.loading')} />;
  if (!busy && auth.status === 'signed-in') return <Redirect to="/" replace />;
  if (!busy && !error && auth.status === 'anonymous') return <Redirect to="/login" replace />;

  const set = (k: keyof Values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));

  function validate(): FieldErrors {
    const pw = checkPassword(t, values.password, values.password2);
    return {
      agencyName: checkRequired(t, values.agencyName),
      name: checkRequired(t, values.name),
      nip: checkNip(t, values.nip),
      email: checkEmail(t, values.email),
      password: pw.password,
      password2: pw.again,
    };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validate();
    setErrors(found);
    setError(null);
    if (!isValid(found)) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    try {
      const nip = normaliseNip(values.nip);
      await postSetup({
        agencyName: values.agencyName.trim(),
        name: values.name.trim(),
        email: values.email.trim(),
        password: values.password,
        ...(values.title.trim() ? { title: values.title.trim() } : {}),
        ...(nip ? { nip } : {}),
      });
      await auth.refresh();
      navigate('/', { replace: true });
    } catch (err) {
      setErrors(issuesByField(err));
      const setUp = err instanceof ApiError && err.code === 'already_set_up';
      setError({ text: authErrorMessage(t, err), setUp });
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.subtitle')} wide>
      <form ref={formRef} className="auth-form" onSubmit={submit} noValidate>
        {error && (
          <FormMessage kind="error" testId="setup-error">
            {error.text}
            {error.setUp && (
              <>
                {' '}
                <Link href="/login">{t('login.submit')}</Link>
              </>
            )}
          </FormMessage>
        )}
        <fieldset className="auth-fieldset">
          <legend>{t('setup.agencySection')}</legend>
          <TextField
            label={t('setup.agency')}
            placeholder={t('setup.agencyPlaceholder')}
            hint={t('setup.agencyHint')}
            autoComplete="organization"
            value={values.agencyName}
            onChange={set('agencyName')}
            error={errors.agencyName}
            testId="setup-agency"
          />
        </fieldset>
        <fieldset className="auth-fieldset">
          <legend>{t('setup.adminSection')}</legend>
          <div className="auth-grid">
            <TextField
              label={t('setup.name')}
              autoComplete="name"
              value={values.name}
              onChange={set('name')}
              error={errors.name}
              testId="setup-name"
            />
            <TextField
              label={t('setup.jobTitle')}
              placeholder={t('setup.jobTitlePlaceholder')}
              autoComplete="organization-title"
              optional
              value={values.title}
              onChange={set('title')}
              error={errors.title}
              testId="setup-title"
            />
            <TextField
              label={t('setup.email')}
              type="email"
              autoComplete="email"
              autoCapitalize="none"
              spellCheck={false}
              value={values.email}
              onChange={set('email')}
              error={errors.email}
              testId="setup-email"
            />
            <TextField
              label={t('setup.nip')}
              inputMode="numeric"
              optional
              hint={t('setup.nipHint')}
              value={values.nip}
              onChange={set('nip')}
              error={errors.nip}
              testId="setup-nip"
            />
            <PasswordField
              label={t('setup.password')}
              autoComplete="new-password"
              hint={t('setup.passwordHint')}
              value={values.password}
              onChange={set('password')}
              error={errors.password}
              testId="setup-password"
            />
            <PasswordField
              label={t('setup.password2')}
              autoComplete="new-password"
              value={values.password2}
              onChange={set('password2')}
              error={errors.password2}
              testId="setup-password2"
            />
          </div>
        </fieldset>
        <button
          type="submit"
          className="btn btn-primary btn-lg auth-submit"
          disabled={busy}
          data-testid="setup-submit"
        >
          <Rocket aria-hidden />
          {busy ? t('setup.submitting') : t('setup.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}

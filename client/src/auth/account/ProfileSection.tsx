import { Save } from 'lucide-react';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormMessage, TextField } from '../../components/Field';
import { useAuth } from '../AuthContext';
import { updateProfile } from '../authApi';
import { authErrorMessage, issuesByField } from '../errors';
import type { AuthUser } from '../types';
import {
  checkNip,
  checkRequired,
  type FieldErrors,
  focusFirstInvalid,
  isValid,
  normaliseNip,
} from '../validation';

/** Name, jabatan and NIP (`PATCH /api/auth/me`); the email is shown, not editable. */
export function ProfileSection({ user }: { user: AuthUser }) {
  const { t } = useTranslation('auth');
  const { refresh } = useAuth();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(user.name);
  const [title, setTitle] = useState(user.title);
  const [nip, setNip] = useState(user.nip ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = { name: checkRequired(t, name), nip: checkNip(t, nip) };
    setErrors(found);
    setMessage(null);
    if (!isValid(found)) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    try {
      const cleanNip = normaliseNip(nip);
      await updateProfile({ name: name.trim(), title: title.trim(), nip: cleanNip || null });
      setNip(cleanNip);
      await refresh();
      setMessage({ kind: 'success', text: t('account.profile.saved') });
    } catch (err) {
      setErrors(issuesByField(err));
      setMessage({ kind: 'error', text: authErrorMessage(t, err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card account-section" aria-labelledby="account-profile">
      <header className="account-section-head">
        <h2 id="account-profile">{t('account.profile.title')}</h2>
        <p className="muted">{t('account.profile.description')}</p>
      </header>
      <form ref={formRef} className="auth-form" onSubmit={submit} noValidate>
        <div className="auth-grid">
          <TextField
            label={t('setup.name')}
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={errors.name}
            testId="profile-name"
          />
          <TextField
            label={t('setup.jobTitle')}
            placeholder={t('setup.jobTitlePlaceholder')}
            autoComplete="organization-title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            error={errors.title}
            testId="profile-title"
          />
          <TextField
            label={t('setup.nip')}
            inputMode="numeric"
            optional
            hint={t('setup.nipHint')}
            value={nip}
            onChange={(e) => setNip(e.target.value)}
            error={errors.nip}
            testId="profile-nip"
          />
          <TextField
            label={t('account.profile.email')}
            value={user.email ?? ''}
            readOnly
            hint={t('account.profile.emailHint')}
          />
        </div>
        {message && <FormMessage kind={message.kind}>{message.text}</FormMessage>}
        <div className="account-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            <Save aria-hidden />
            {busy ? t('account.profile.saving') : t('account.profile.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

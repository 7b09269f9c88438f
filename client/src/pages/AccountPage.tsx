import { useTranslation } from 'react-i18next';
import { useUser } from '../auth/AuthContext';
import { PasswordSection } from '../auth/account/PasswordSection';
import { ProfileSection } from '../auth/account/ProfileSection';
import { SessionsSection } from '../auth/account/SessionsSection';
import { TokensSection } from '../auth/account/TokensSection';
import { initials } from '../auth/UserMenu';
import { AppHeader } from '../components/AppHeader';
import '../auth/account.css';
import '../auth/authForms.css';

/** `/account`: the signed-in user's profile, password, API tokens and sessions. */
export default function AccountPage() {
  const { t } = useTranslation('auth');
  const user = useUser();
  // The route gate renders this only for a signed-in user, and guests are sent to their SOP.
  if (!user || user.kind === 'guest') return null;
  return (
    <>
      <AppHeader />
      <main id="main" className="page account-page">
        <div className="account-hero">
          <span className="user-avatar user-avatar-xl" aria-hidden>
            {initials(user.name)}
          </span>
          <div>
            <h1>{t('account.title')}</h1>
            <p className="muted">
              {user.name}
              {user.title ? ` · ${user.title}` : ''}
            </p>
          </div>
        </div>
        <div className="account-sections">
          {/* keyed by id: a refreshed profile must not keep another user's draft */}
          <ProfileSection key={user.id} user={user} />
          <PasswordSection username={user.email ?? user.nip ?? ''} />
          <TokensSection />
          <SessionsSection />
        </div>
      </main>
    </>
  );
}

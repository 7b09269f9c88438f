import { LogOut } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useAuth } from '../AuthContext';
import { logoutAll } from '../authApi';
import { authErrorMessage } from '../errors';

/** "Keluar dari semua perangkat": ends every session of this user, this one included. */
export function SessionsSection() {
  const { t } = useTranslation('auth');
  const auth = useAuth();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await logoutAll();
      setOpen(false);
      // This session ended too: clear the local state and show the login page.
      await auth.logout();
    } catch (err) {
      setError(authErrorMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card account-section" aria-labelledby="account-sessions">
      <header className="account-section-head">
        <h2 id="account-sessions">{t('account.sessions.title')}</h2>
        <p className="muted">{t('account.sessions.description')}</p>
      </header>
      <div className="account-actions account-actions-start">
        <button
          type="button"
          className="btn"
          onClick={() => {
            setError(null);
            setOpen(true);
          }}
          data-testid="logout-all"
        >
          <LogOut aria-hidden />
          {t('account.sessions.logoutAll')}
        </button>
      </div>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={t('account.sessions.confirmTitle')}
        body={t('account.sessions.confirmBody')}
        confirmLabel={t('account.sessions.confirm')}
        onConfirm={() => void confirm()}
        busy={busy}
        error={error}
      />
    </section>
  );
}

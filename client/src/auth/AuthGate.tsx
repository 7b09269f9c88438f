import { RotateCw, ServerCrash } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, useLocation, useSearch } from 'wouter';
import { useAuth } from './AuthContext';
import { AuthSplash } from './AuthLayout';
import { loginHref } from './nextPath';
import './authLayout.css';

/** Whether a guest may be on `path`: only their own SOP (editor and print view). */
function guestMayOpen(path: string, sopId: string): boolean {
  const base = `/sop/${encodeURIComponent(sopId)}`;
  return path === base || path.startsWith(`${base}/`);
}

/**
 * Renders the private routes only for a signed-in user. Otherwise: a fresh server
 * goes to `/setup`, a signed-out browser to `/login?next=<here>`, and a guest to
 * their one SOP (the server enforces access; this avoids showing a guest a list
 * or page they cannot use).
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation('auth');
  const { t: tApp } = useTranslation();
  const auth = useAuth();
  const [path] = useLocation();
  const search = useSearch();

  switch (auth.status) {
    case 'loading':
      return <AuthSplash label={tApp('app.loading')} />;
    case 'error':
      return (
        <div className="auth-splash" role="alert">
          <ServerCrash aria-hidden className="auth-splash-icon" />
          <h1 className="auth-title">{t('gate.errorTitle')}</h1>
          <p className="muted">{t('gate.error')}</p>
          <button type="button" className="btn btn-primary" onClick={() => void auth.refresh()}>
            <RotateCw aria-hidden />
            {t('gate.retry')}
          </button>
        </div>
      );
    case 'setup-needed':
      return <Redirect to="/setup" replace />;
    case 'anonymous':
      return <Redirect to={loginHref(search ? `${path}?${search}` : path)} replace />;
    case 'signed-in': {
      const guest = auth.user?.guest;
      if (auth.user?.kind === 'guest' && guest && !guestMayOpen(path, guest.sopId))
        return <Redirect to={`/sop/${encodeURIComponent(guest.sopId)}`} replace />;
      return <>{children}</>;
    }
  }
}

import { CircleCheck } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../components/AppHeader';
import { LanguageMenu, ZoomMenu } from '../components/displayActions';
import './authLayout.css';

/**
 * The frame of the pages seen before signing in (login, setup, meeting-link join):
 * a brand panel on the left (agency name when known) and the form card on the
 * right; stacked on narrow screens. Display controls stay reachable (zoom for the
 * projector, language).
 */
export function AuthLayout({
  agencyName,
  title,
  subtitle,
  wide,
  children,
  footer,
}: {
  agencyName?: string | null | undefined;
  title: string;
  subtitle?: ReactNode;
  /** A wider card (the setup form has two columns). */
  wide?: boolean;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const { t } = useTranslation('auth');
  const { t: tApp } = useTranslation();
  return (
    <div className="auth-root">
      <div className="auth-screen">
        <aside className="auth-brand">
          <div className="auth-brand-top">
            <BrandMark className="auth-brand-mark" />
            <span className="auth-brand-name">{tApp('app.name')}</span>
          </div>
          <div className="auth-brand-body">
            {agencyName && <p className="auth-agency">{agencyName}</p>}
            <p className="auth-tagline">{t('brand.tagline')}</p>
            <p className="auth-pitch">{t('brand.pitch')}</p>
            <ul className="auth-points">
              {(['point1', 'point2', 'point3'] as const).map((k) => (
                <li key={k}>
                  <CircleCheck aria-hidden />
                  {t(`brand.${k}`)}
                </li>
              ))}
            </ul>
          </div>
        </aside>
        <div className="auth-main">
          <main id="main" className={wide ? 'auth-card auth-card-wide' : 'auth-card'}>
            <div className="auth-card-head">
              {agencyName && <p className="auth-card-agency">{agencyName}</p>}
              <h1 className="auth-title">{title}</h1>
              {subtitle && <p className="auth-subtitle">{subtitle}</p>}
            </div>
            {children}
          </main>
          {footer && <div className="auth-footer">{footer}</div>}
        </div>
        <div className="auth-toolbar">
          <ZoomMenu />
          <LanguageMenu />
        </div>
      </div>
    </div>
  );
}

/** Full-page waiting state while the session is checked. */
export function AuthSplash({ label }: { label: string }) {
  return (
    <div className="auth-splash" role="status" aria-live="polite">
      <BrandMark className="auth-splash-mark" />
      <span>{label}</span>
    </div>
  );
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { UserMenu } from '../auth/UserMenu';
import { NotificationsBell } from '../notifications/NotificationsBell';
import { LanguageMenu, ZoomMenu } from './DisplayMenu';

/** Susun's mark: three lines of a procedure on a rounded square (colour from `currentColor`). */
export function BrandMark({ className = 'brand-mark' }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="currentColor" />
      <path d="M9 10h14M9 16h10M9 22h14" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

/**
 * The top bar: brand (link to the list), page-specific content, display
 * preferences and the signed-in user's menu.
 */
export function AppHeader({ children, actions }: { children?: ReactNode; actions?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Link href="/" className="brand" aria-label={t('app.backToList')}>
        <BrandMark />
        <span className="brand-name">{t('app.name')}</span>
      </Link>
      <div className="app-header-main">{children}</div>
      <div className="app-header-actions">
        {actions}
        <ZoomMenu />
        <LanguageMenu />
        <NotificationsBell />
        <UserMenu />
      </div>
    </header>
  );
}

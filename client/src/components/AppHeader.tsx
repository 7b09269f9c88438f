import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { LanguageMenu, ZoomMenu } from './DisplayMenu';

/** The top bar: brand (link to the list), page-specific content, display preferences. */
export function AppHeader({ children, actions }: { children?: ReactNode; actions?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Link href="/" className="brand" aria-label={t('app.backToList')}>
        <svg viewBox="0 0 32 32" className="brand-mark" aria-hidden="true">
          <rect width="32" height="32" rx="7" fill="currentColor" />
          <path d="M9 10h14M9 16h10M9 22h14" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
        </svg>
        <span className="brand-name">{t('app.name')}</span>
      </Link>
      <div className="app-header-main">{children}</div>
      <div className="app-header-actions">
        {actions}
        <ZoomMenu />
        <LanguageMenu />
      </div>
    </header>
  );
}

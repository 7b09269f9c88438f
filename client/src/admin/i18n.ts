import { useTranslation } from 'react-i18next';
import { ensureNamespace } from '../i18n';
import { HttpError } from './http';

export const ADMIN_NS = 'admin' as const;

/**
 * `useTranslation('admin')` (administration, sharing, history, notifications),
 * adding the catalogues first when the app did not register the namespace.
 */
export function useAdminT() {
  const { i18n } = useTranslation();
  ensureNamespace(i18n, ADMIN_NS);
  return useTranslation(ADMIN_NS);
}

export type AdminT = ReturnType<typeof useAdminT>['t'];

/** A sentence for the user about a failed call: known codes translated, else the server's text. */
export function errorText(t: AdminT, e: unknown): string {
  if (e instanceof HttpError) {
    const known = t(`errors.${e.code}`, { defaultValue: '' });
    if (known) return known;
    if (e.issues.length > 0) return e.issues.map((i) => i.message).join(' · ');
    if (e.status === 403) return t('errors.forbidden');
    if (e.status >= 500) return t('errors.server');
    return e.message;
  }
  if (e instanceof TypeError) return t('errors.network');
  return e instanceof Error ? e.message : String(e);
}

/** BCP 47 locale of the UI language for Intl. */
export function localeOf(lang: string): string {
  return lang === 'en' ? 'en-GB' : 'id-ID';
}

export function formatWhen(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(localeOf(lang), {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(d);
}

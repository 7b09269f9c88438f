import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ensureNamespace } from '../i18n';

/** `useTranslation('compare')`, making sure the catalogues are loaded first. */
export function useCompareT() {
  const { i18n } = useTranslation();
  ensureNamespace(i18n, 'compare');
  return useTranslation('compare');
}

export type CompareT = TFunction<'compare'>;

/** The date-time style every compare view uses. */
export function formatWhen(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang.startsWith('en') ? 'en-GB' : 'id-ID', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

import { useTranslation } from 'react-i18next';
import { ensureNamespace } from '../i18n';

/** `useTranslation('suggestions')`, making sure the catalogues are loaded first. */
export function useSuggestionsT() {
  const { i18n } = useTranslation();
  ensureNamespace(i18n, 'suggestions');
  return useTranslation('suggestions');
}

import { useTranslation } from 'react-i18next';
import { ensureNamespace } from '../i18n';

export const GUIDED_NS = 'guided';

/** `useTranslation('guided')`, making sure the catalogues are loaded first. */
export function useGuidedT() {
  const { i18n } = useTranslation();
  ensureNamespace(i18n, GUIDED_NS);
  return useTranslation(GUIDED_NS);
}

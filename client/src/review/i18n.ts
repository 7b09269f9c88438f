import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ensureNamespace } from '../i18n';

export const REVIEW_NS = 'review';

/** Adds the 'review' catalogues (from `client/src/i18n`) to an i18next instance, idempotently. */
export function ensureReviewStrings(i18n: I18n): void {
  ensureNamespace(i18n, REVIEW_NS);
}

/** `useTranslation('review')`, making sure the catalogues are loaded first. */
export function useReviewT() {
  const { i18n } = useTranslation();
  ensureReviewStrings(i18n);
  return useTranslation(REVIEW_NS);
}

import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import reviewEn from '../i18n/review.en';
import reviewId from '../i18n/review.id';

export const REVIEW_NS = 'review';

/**
 * Adds the 'review' catalogues to an i18next instance unless they are there
 * (idempotent). The review UI calls it itself, so it works whether or not the
 * app registered the namespace in `client/src/i18n/index.ts`.
 */
export function ensureReviewStrings(i18n: I18n): void {
  if (!i18n.hasResourceBundle('id', REVIEW_NS))
    i18n.addResourceBundle('id', REVIEW_NS, reviewId, true, false);
  if (!i18n.hasResourceBundle('en', REVIEW_NS))
    i18n.addResourceBundle('en', REVIEW_NS, reviewEn, true, false);
}

/** `useTranslation('review')`, making sure the catalogues are loaded first. */
export function useReviewT() {
  const { i18n } = useTranslation();
  ensureReviewStrings(i18n);
  return useTranslation(REVIEW_NS);
}

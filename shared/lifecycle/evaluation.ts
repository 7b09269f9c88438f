/** The evaluation's rules: every criterion answered, the score, the recommendation. */
import { CRITERIA, type Criterion, type CriterionAnswer, type Recommendation } from './types.js';

export const RECOMMENDATIONS: readonly Recommendation[] = ['keep', 'revise', 'revoke'];

/** Criteria without a Ya/Tidak answer, in the regulation's order. */
export function missingCriteria(
  criteria: Partial<Record<string, Partial<CriterionAnswer>>>,
): Criterion[] {
  return CRITERIA.filter((c) => typeof criteria[c]?.met !== 'boolean');
}

/** Criteria met (Ya) out of seven. */
export function scoreOf(criteria: Record<Criterion, CriterionAnswer>): number {
  return CRITERIA.filter((c) => criteria[c].met).length;
}

/** The recommendation as printed on the evaluation form, in the document's language. */
export const RECOMMENDATION_WORDS: Record<'id' | 'en', Record<Recommendation, string>> = {
  id: { keep: 'Dipertahankan', revise: 'Direvisi', revoke: 'Dicabut' },
  en: { keep: 'Keep', revise: 'Revise', revoke: 'Revoke' },
};

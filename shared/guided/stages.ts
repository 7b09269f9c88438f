/**
 * The five stages of the SOP drafting method (sop-format.md, "the drafting method"), as a
 * guided meeting runs them (issue 18): need and name, activities, identity, flowchart,
 * document. Stage numbers are 1-based, as on the agenda bar.
 */

export const STAGES = [1, 2, 3, 4, 5] as const;
export type StageNo = (typeof STAGES)[number];

/** Stable keys of the stages (i18n keys, CSS hooks). */
export const STAGE_KEYS: Readonly<Record<StageNo, string>> = {
  1: 'need',
  2: 'activities',
  3: 'identity',
  4: 'diagram',
  5: 'document',
};

export function isStage(v: unknown): v is StageNo {
  return v === 1 || v === 2 || v === 3 || v === 4 || v === 5;
}

/** The stage `by` steps away from `from`, kept inside 1..5. */
export function stageBy(from: StageNo, by: number): StageNo {
  const n = Math.min(5, Math.max(1, from + by));
  return n as StageNo;
}

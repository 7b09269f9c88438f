/** Guided drafting (issue 18): stages, sessions, completeness per stage, pasted activities. */
export { type ApplyResult, actorByName, applyPasted, assignActorByName } from './apply.js';
export {
  type Completeness,
  type CompletenessContext,
  completeness,
  formatMissing,
  type MissingItem,
  type RuleCode,
  type StageCompleteness,
} from './completeness.js';
export { type PastedStep, parsePasted, parseTime, splitTable } from './paste.js';
export {
  type GuidedDecision,
  type GuidedOptions,
  type GuidedSession,
  GuidedSessions,
  type NameCandidate,
  type OpenPoint,
  ROOT_GUIDED,
  type StageVisit,
  timePerStage,
} from './session.js';
export { isStage, STAGE_KEYS, STAGES, type StageNo, stageBy } from './stages.js';

/**
 * Public API of the SOP document model. Import from here only; nothing
 * outside shared/model reads raw Y.Map/Y.Array. See /work/notes/model-api.md.
 */
export type { ActorsApi } from './actors.js';
export {
  type FlowEdge,
  type FlowGraph,
  type FlowNode,
  flowGraph,
  minutesPer,
  type TotalTime,
  totalTime,
} from './derived.js';
export {
  NARRATIVE_HEADING_LEVELS,
  NARRATIVE_MARKS,
  NARRATIVE_NODES,
  normalizeRichText,
} from './editorSchema.js';
export { ModelError, type ModelErrorCode } from './errors.js';
export { type IdentityApi, type ListBoxApi, type ListItem, readListBox } from './identity.js';
export {
  APPROVER_FIELDS,
  IDENTITY_TEXT_FIELDS,
  LIST_BOXES,
  type ListBox,
  STEP_TEXT_FIELDS,
  type StepTextField,
} from './layout.js';
export { type MetaApi, STATUSES, TEMPLATES } from './meta.js';
export { MIGRATIONS, migrate, schemaVersionOf } from './migrations.js';
export type { NarrativeApi } from './narrative.js';
export type { Position, Random } from './order.js';
export { Origin, type OriginTag } from './origins.js';
export { type ParseResult, parseSnapshot } from './parseSnapshot.js';
export {
  emptyRichText,
  fragmentToRichText,
  MAX_RICH_TEXT_DEPTH,
  paragraphs,
  type RichTextReadOptions,
  richTextToFragment,
} from './richText.js';
export { describeValue, ignoreSkips, type SkipReporter } from './skip.js';
export {
  fromSnapshot,
  type ReadOptions,
  type SopSummary,
  summarize,
  toSnapshot,
} from './snapshot.js';
export { type RepairReport, SopDoc, type SopDocOptions } from './sopDoc.js';
export {
  type Branch,
  type ClearedBranch,
  STEP_KINDS,
  type StepInit,
  type StepsApi,
  TIME_UNITS,
} from './steps.js';
export {
  type CreateOptions,
  createSop,
  INTERNATIONAL_SECTIONS,
  SOP_AP_SECTIONS,
  templateSnapshot,
} from './templates/index.js';
export { displaySafe, printSafe } from './text.js';
export * from './types.js';
export { createUndoManager, type UndoOptions } from './undo.js';
export { type Problem, type ProblemCode, type ProblemLocation, validate } from './validate.js';
export {
  formatModelError,
  formatProblem,
  identityFieldLabels,
  type Locale,
  modelErrorMessages,
  narrativeSectionTitles,
  validationMessages,
} from './validationMessages.js';
export {
  type ApprovalBlocker,
  type ApproveOptions,
  approvalBlockers,
  approve,
  approverProblems,
  canTransition,
  isIsoDate,
  isLocked,
  localIsoDate,
  reconcileApproval,
  startRevision,
  TRANSITIONS,
  transition,
  WorkflowError,
  type WorkflowErrorCode,
} from './workflow.js';

/**
 * Live review sessions, versions and approval (issue 8). See /work/notes/review-api.md.
 */
export { ApproveDialog } from './ApproveDialog';
export { ensureReviewStrings, REVIEW_NS, useReviewT } from './i18n';
export {
  presenterPosition,
  type ReviewAwareness,
  ReviewAwarenessStore,
  type ReviewPeer,
} from './presenterAwareness';
export { ReviewBar, useNow } from './ReviewBar';
export { ReviewContext, ReviewProvider, useReview } from './ReviewContext';
export { RevisionBanner, useEditLock } from './RevisionBanner';
export { StatusControl, useSopStatus } from './StatusControl';
export { StepVerdicts } from './StepVerdicts';
export { SummaryDialog } from './SummaryDialog';
export { buildSummary, formatDuration, type SummaryJson } from './summaryJson';
export { type ReviewApi, type ReviewDeps, useReviewSession } from './useReviewSession';
export { VersionsDialog, VersionsList } from './VersionsPanel';
export { SnapshotView, VersionViewer } from './VersionViewer';
export {
  getVersion,
  listVersions,
  saveVersion,
  type VersionDetail,
  type VersionKind,
  type VersionListItem,
  VersionsApiError,
} from './versionsApi';
export { type SavedSource, waitSavedFrom } from './waitSaved';

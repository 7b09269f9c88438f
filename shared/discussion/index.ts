/**
 * Public API of the discussion document (comments, issue 7; review
 * sessions, issue 8). See /work/notes/discussion-api.md.
 */

export { type AnchorContext, resolveAnchor, resolveAnchors } from './anchors';
export { type StepSource, trackAnchorTexts } from './anchorTracker';
export { type CreateThreadInput, Discussion, type DiscussionOptions } from './discussion';
export { mentionedParticipants, parseMentions } from './mentions';
export {
  decodeRelPos,
  encodeRelPos,
  fragmentPlainText,
  narrativeAnchorFromOffsets,
  type ResolvedSpan,
  replaceFlatRange,
  resolveNarrativeSpan,
} from './narrative';
export {
  groupThreads,
  isUnread,
  matchesFilter,
  openCounts,
  type ThreadFilter,
  type ThreadGroup,
  unreadCount,
} from './queries';
export { type ReviewOptions, ReviewSessions } from './review';
export {
  blockingVerdicts,
  type SessionSummary,
  sessionSummary,
  tallySession,
  timePerStep,
} from './reviewTally';
export { ROOT_SESSIONS, ROOT_THREADS } from './schema';
export {
  anchorOf,
  applyChange,
  baseFor,
  proposalOf,
  sameValue,
  standingOf,
  stepOf,
  type Target,
  targetOf,
} from './suggestionContent';
export {
  type AcceptOutcome,
  acceptSuggestion,
  discussSuggestion,
  type MakeSuggestionInput,
  makeSuggestion,
  rejectSuggestion,
  type SuggestionDocs,
  type SuggestionView,
  viewOf,
} from './suggestionOps';
export { parseChange, SUGGESTION_STEP_FIELDS } from './suggestionParse';
export {
  type CreateSuggestionInput,
  ROOT_SUGGESTIONS,
  Suggestions,
  type SuggestionsOptions,
} from './suggestions';
export * from './suggestionTypes';
export * from './types';
export {
  DiscussionError,
  type DiscussionErrorCode,
  DiscussionOrigin,
  type DiscussionOriginValue,
} from './util';

/** Room / docId of an SOP's discussion document on the sync server. */
export function discussionDocId(sopId: string): string {
  return `${sopId}.discussion`;
}

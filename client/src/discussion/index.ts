/**
 * Comment UI the editor mounts (issue 7). See /work/notes/discussion-api.md.
 */
export { anchorLabel, groupLabel } from './anchorLabel';
export { CommentButton, type CommentButtonProps } from './CommentButton';
export { CommentPanel, type CommentPanelProps } from './CommentPanel';
export {
  CommentsContext,
  type CommentsContextValue,
  ConnectedCommentButton,
} from './CommentsContext';
export { Composer } from './Composer';
export { type DiscussionConnection, DiscussionSession } from './DiscussionSession';
export { anchorSelector, focusAnchor } from './focusAnchor';
export {
  countFor,
  countsOf,
  DiscussionContext,
  useDiscussion,
  useDiscussionContext,
  useDiscussionSnapshot,
  useOpenCount,
} from './hooks';
export { MessageBody, MessageItem } from './MessageItem';
export {
  anchorFromSelection,
  CommentHighlight,
  type CommentHighlightOptions,
  type CommentRange,
  commentHighlightKey,
  type HighlightAnchor,
  narrativeAnchorsOf,
  rangesFromAnchors,
} from './narrativeHighlight';
export { ThreadCard } from './ThreadCard';
export { getUserId } from './userId';

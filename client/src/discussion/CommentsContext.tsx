import type { Anchor, Discussion } from '@shared/discussion/index';
import { createContext, memo, useContext, useMemo } from 'react';
import { CommentButton } from './CommentButton';
import { useOpenCount } from './hooks';

/** What step rows and fields need to show comment buttons; set once by the editor. */
export interface CommentsContextValue {
  discussion: Discussion | null;
  /** Opens the comment panel on an anchor (with a new-comment box). */
  open: (anchor: Anchor) => void;
  /** Opens the panel showing an existing thread (e.g. a clicked narrative highlight). */
  reveal?: (threadId: string) => void;
  /** The thread last shown in the document (its narrative span is drawn as active). */
  activeThreadId?: string | null;
  /** May start threads (commenter and above). Viewers get buttons only where threads exist. */
  canComment?: boolean;
}

export const CommentsContext = createContext<CommentsContextValue>({
  discussion: null,
  open: () => {},
});

function anchorKey(a: Anchor): string {
  switch (a.kind) {
    case 'step':
      return `step:${a.stepId}:${a.field ?? ''}`;
    case 'identity':
      return `identity:${a.field}`;
    case 'narrative':
      return `narrative:${a.section}:${a.start}:${a.end}`;
    default:
      return 'sop';
  }
}

/**
 * A `CommentButton` wired through `CommentsContext`: subscribes to its own
 * anchor's open count only, so a step row re-renders when ITS count changes,
 * not on every comment anywhere.
 */
export const ConnectedCommentButton = memo(function ConnectedCommentButton({
  anchor,
  className,
}: {
  anchor: Anchor;
  className?: string;
}) {
  const { discussion, open, canComment = true } = useContext(CommentsContext);
  const key = anchorKey(anchor);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key captures the anchor's identity
  const stable = useMemo(() => anchor, [key]);
  const count = useOpenCount(discussion, stable);
  // A viewer cannot start a thread: the button only leads to existing ones.
  if (!canComment && count === 0) return null;
  return (
    <CommentButton
      anchor={stable}
      count={count}
      onOpen={open}
      {...(className !== undefined ? { className } : {})}
    />
  );
});

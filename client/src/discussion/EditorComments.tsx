import type { Anchor, Author, Discussion } from '@shared/discussion/index';
import type { SopDoc } from '@shared/model/index';
import type { SopSnapshot } from '@shared/model/types';
import { MessageSquare } from 'lucide-react';
import { memo, useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { SendCommand } from '../lib/commands';
import { CommentPanel } from './CommentPanel';
import { focusCommentAnchor } from './focusCommentAnchor';
import { countsOf } from './hooks';
import { useCommentContent } from './useCommentContent';
import type { EditorComments } from './useEditorComments';
import './commentsDock.css';

const noopSubscribe = () => () => {};
const zero = () => 0;

/**
 * Header button opening the comment panel, with the SOP's number of open
 * threads (`comments-open-count`). Subscribes to the total only.
 */
export const CommentsToggle = memo(function CommentsToggle({
  discussion,
  open,
  onToggle,
}: {
  discussion: Discussion | null;
  open: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation('editorComments');
  const get = discussion ? () => countsOf(discussion.getSnapshot()).total : zero;
  const total = useSyncExternalStore(discussion ? discussion.subscribe : noopSubscribe, get, get);
  const label = total > 0 ? t('toggleCount', { count: total }) : t('toggle');
  return (
    <button
      type="button"
      className={`btn btn-ghost comments-toggle${total > 0 ? ' has-comments' : ''}`}
      data-testid="comments-toggle"
      aria-pressed={open}
      aria-label={label}
      title={label}
      onClick={onToggle}
    >
      <MessageSquare aria-hidden />
      {total > 0 && (
        <span className="comments-toggle-count" data-testid="comments-open-count">
          {total}
        </span>
      )}
    </button>
  );
});

/** The comment side panel beside the editor's sections (rendered only while open). */
export function EditorCommentPanel({
  discussion,
  send,
  canComment,
  comments,
  sop,
  snapshot,
  user,
}: {
  discussion: Discussion;
  send: SendCommand;
  canComment: boolean;
  comments: EditorComments;
  sop: SopDoc;
  snapshot: SopSnapshot;
  user: Author;
}) {
  const content = useCommentContent(sop, snapshot);
  const { clearDraft, setActiveThread, context } = comments;
  const reveal = context.reveal;
  const onDraftDone = useCallback(
    (threadId: string | null) => {
      clearDraft();
      // The new thread: shown active and scrolled to once the server's update is here.
      if (threadId) reveal?.(threadId);
    },
    [clearDraft, reveal],
  );
  const onFocusAnchor = useCallback(
    (anchor: Anchor, threadId: string) => {
      setActiveThread(threadId);
      // After the re-render that marks the narrative span active.
      requestAnimationFrame(() => focusCommentAnchor(anchor, threadId));
    },
    [setActiveThread],
  );
  const dock = useRef<HTMLDivElement>(null);
  const { revealed } = comments;
  // A clicked narrative highlight or a new thread: bring its card into view inside
  // the panel — a new thread's card appears when the server's update arrives.
  useEffect(() => {
    if (!revealed) return;
    const show = (): boolean => {
      const card = dock.current?.querySelector<HTMLElement>(
        `[data-testid="comment-thread"][data-thread-id="${CSS.escape(revealed.threadId)}"]`,
      );
      card?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      return !!card;
    };
    if (show()) return;
    let off: (() => void) | null = discussion.subscribe(() => {
      // After React rendered the new snapshot.
      requestAnimationFrame(() => {
        if (off && show()) {
          off();
          off = null;
        }
      });
    });
    return () => off?.();
  }, [revealed, discussion]);
  return (
    <div className="comments-dock" ref={dock}>
      <CommentPanel
        className="comments-dock-panel"
        discussion={discussion}
        send={send}
        canComment={canComment}
        content={content}
        user={user}
        draftAnchor={comments.draft}
        onDraftDone={onDraftDone}
        onFocusAnchor={onFocusAnchor}
        onClose={comments.close}
      />
    </div>
  );
}

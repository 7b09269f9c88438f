import type { Anchor, Discussion } from '@shared/discussion/index';
import { useCallback, useMemo, useState } from 'react';
import type { CommentsContextValue } from './CommentsContext';

/** Open/closed state of the editor's comment panel and its pending new-comment anchor. */
export interface EditorComments {
  open: boolean;
  /** Anchor of the "new comment" box, or null. */
  draft: Anchor | null;
  /** Thread to scroll to in the panel (set by `context.reveal`), with a counter to repeat it. */
  revealed: { threadId: string; n: number } | null;
  /** Value for `CommentsContext.Provider` (rows' comment buttons, narrative highlights). */
  context: CommentsContextValue;
  show: () => void;
  toggle: () => void;
  close: () => void;
  clearDraft: () => void;
  /** Marks a thread as the one shown in the document (see `context.activeThreadId`). */
  setActiveThread: (threadId: string | null) => void;
}

/**
 * State of the comment side panel. `context.open(anchor)` works before the
 * discussion document is there (the panel appears once it is), so buttons
 * never silently do nothing.
 */
export function useEditorComments(
  discussion: Discussion | null,
  canComment = true,
): EditorComments {
  const [state, setState] = useState<{ open: boolean; draft: Anchor | null }>({
    open: false,
    draft: null,
  });
  const [revealed, setRevealed] = useState<{ threadId: string; n: number } | null>(null);
  const [activeThreadId, setActiveThread] = useState<string | null>(null);
  const openOn = useCallback((a: Anchor) => setState({ open: true, draft: a }), []);
  const reveal = useCallback((threadId: string) => {
    setState((s) => ({ ...s, open: true }));
    setRevealed((r) => ({ threadId, n: (r?.n ?? 0) + 1 }));
    setActiveThread(threadId);
  }, []);
  const context = useMemo<CommentsContextValue>(
    () => ({ discussion, open: openOn, reveal, activeThreadId, canComment }),
    [discussion, openOn, reveal, activeThreadId, canComment],
  );
  const show = useCallback(() => setState((s) => ({ ...s, open: true })), []);
  const toggle = useCallback(() => setState((s) => ({ open: !s.open, draft: null })), []);
  const close = useCallback(() => {
    setState({ open: false, draft: null });
    setActiveThread(null);
  }, []);
  const clearDraft = useCallback(() => setState((s) => ({ ...s, draft: null })), []);
  return { ...state, revealed, context, show, toggle, close, clearDraft, setActiveThread };
}

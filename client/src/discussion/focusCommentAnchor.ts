import type { Anchor } from '@shared/discussion/index';
import { focusAnchor } from './focusAnchor';

/**
 * Scrolls to and flashes a thread's anchor. A narrative thread scrolls to its
 * highlighted span when it is rendered (falling back to the section); other
 * anchors use the discussion's `focusAnchor` (step row or field, identity
 * field, narrative section).
 */
export function focusCommentAnchor(anchor: Anchor, threadId: string): boolean {
  if (anchor.kind === 'narrative') {
    const span = document.querySelector<HTMLElement>(
      `[data-testid="comment-highlight"][data-thread-id="${CSS.escape(threadId)}"]`,
    );
    if (span) {
      // No flash class here: ProseMirror redraws decorations and would drop it;
      // the span is drawn active through `CommentsContext.activeThreadId`.
      span.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return true;
    }
  }
  return focusAnchor(anchor);
}

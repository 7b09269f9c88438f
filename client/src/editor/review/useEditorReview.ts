import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Author } from '../../../../shared/discussion/index';
import type { DiscussionSession } from '../../discussion/DiscussionSession';
import { type ReviewDeps, useEditLock, waitSavedFrom } from '../../review';
import type { CollabSession } from '../collab/CollabSession';

/** What the editor shell needs to mount the review UI. */
export interface EditorReview {
  /** Null until the discussion doc is open (the review components then render nothing). */
  deps: ReviewDeps | null;
  /** Approved / revoked / superseded: the editor is read-only. */
  locked: boolean;
  /** Bumped when a version was stored, so the versions list refetches. */
  versionsTick: number;
  versionSaved(): void;
}

/**
 * Wires the review pieces to the editor's collab session and the ONE
 * discussion session it shares with the comments UI.
 */
export function useEditorReview(
  session: CollabSession,
  talk: DiscussionSession | null,
  user: Author,
): EditorReview {
  const { sop } = session;
  const deps = useMemo<ReviewDeps | null>(
    () =>
      talk
        ? {
            sopId: session.id,
            sop,
            awareness: session.awareness,
            discussion: talk.discussion,
            review: talk.review,
            user,
            waitSaved: waitSavedFrom(session),
          }
        : null,
    [talk, session, sop, user],
  );
  const locked = useEditLock({ sop });
  // Why clear: approve(), startRevision() and reconcileApproval() write with the
  // local origin, so the user's undo stack would hold them — Ctrl+Z right after
  // approving would silently un-approve the SOP in force (and after a revision,
  // undo past it would re-approve). Crossing the lock boundary starts a fresh
  // history, and nothing done while locked can be undone.
  useEffect(() => {
    const { undo } = session;
    undo.clear();
    if (!locked) return;
    const drop = () => undo.clear();
    undo.on('stack-item-added', drop);
    return () => undo.off('stack-item-added', drop);
  }, [session, locked]);
  const [versionsTick, setVersionsTick] = useState(0);
  const versionSaved = useCallback(() => setVersionsTick((x) => x + 1), []);
  return { deps, locked, versionsTick, versionSaved };
}

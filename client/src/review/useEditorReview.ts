import type { Author } from '@shared/discussion/index';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DiscussionSession } from '../discussion/DiscussionSession';
import type { CollabSession } from '../editor/collab/CollabSession';
import type { SopCan } from '../lib/workflowApi';
import { type ReviewDeps, useEditLock, waitSavedFrom } from './index';

/** What the editor shell needs to mount the review UI. */
export interface EditorReview {
  /** Null until the discussion doc is open (the review components then render nothing). */
  deps: ReviewDeps | null;
  /**
   * The editor is read-only: the SOP is frozen (approved / revoked / superseded)
   * or this user may not edit it (viewer, commenter, or the server said so).
   */
  locked: boolean;
  /** Bumped when a version was stored, so the versions list refetches. */
  versionsTick: number;
  versionSaved(): void;
  /** May store named versions. */
  canVersion: boolean;
}

/**
 * Wires the review pieces to the editor's collab session and the ONE
 * discussion session it shares with the comments UI.
 */
export function useEditorReview(
  session: CollabSession,
  talk: DiscussionSession | null,
  user: Author,
  can: SopCan,
  profile?: ReviewDeps['profile'],
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
            send: talk.send,
            can,
            user,
            ...(profile ? { profile } : {}),
            waitSaved: waitSavedFrom(session),
          }
        : null,
    [talk, session, sop, user, can, profile],
  );
  const frozen = useEditLock({ sop });
  const locked = frozen || !can.edit;
  // Why clear: a lock boundary (approval, revision, a role change) is a fresh
  // start. The server now writes status and Disahkan oleh, but an undo stack
  // that spans the boundary would still hold edits made before it — undoing
  // them afterwards is refused by the server (and then the replica resyncs).
  // Nothing done while locked can be undone.
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
  return { deps, locked, versionsTick, versionSaved, canVersion: can.version };
}

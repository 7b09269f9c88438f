import type { ReactNode } from 'react';
import {
  ReviewBar,
  ReviewProvider,
  RevisionBanner,
  StatusControl,
  SummaryDialog,
  VersionsButton,
} from '../../review';
import { EditLockContext } from './editLock';
import type { EditorReview } from './useEditorReview';
import './reviewMount.css';

/** Review session state + the read-only lock for everything inside the editor. */
export function EditorReviewProvider({
  review,
  children,
}: {
  review: EditorReview;
  children?: ReactNode;
}) {
  return (
    <ReviewProvider deps={review.deps}>
      <EditLockContext.Provider value={review.locked}>{children}</EditLockContext.Provider>
    </ReviewProvider>
  );
}

/** Header action: the versions dialog (review / approved / manual snapshots). */
export function ReviewHeaderActions({ review, sopId }: { review: EditorReview; sopId: string }) {
  return (
    <VersionsButton sopId={sopId} refreshKey={review.versionsTick} canSave={review.canVersion} />
  );
}

/**
 * Section-nav tools: the status goes through the workflow (StatusControl,
 * approval dialog) — never set freely — and "start review".
 */
export function ReviewNavTools({ review }: { review: EditorReview }) {
  return (
    <>
      {review.deps && <StatusControl deps={review.deps} onApproved={review.versionSaved} />}
      <ReviewBar part="start" />
    </>
  );
}

/** The floating review toolbar, the read-only banner and the end-of-session summary. */
export function ReviewOverlays({ review }: { review: EditorReview }) {
  return (
    <>
      <ReviewBar part="banner" />
      {review.deps && <RevisionBanner deps={review.deps} />}
      <SummaryDialog onVersionSaved={review.versionSaved} />
    </>
  );
}

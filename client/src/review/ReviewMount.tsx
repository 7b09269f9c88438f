import type { ReactNode } from 'react';
import { EditLockContext } from './editLock';
import { ReviewBar, ReviewProvider, RevisionBanner, StatusControl, SummaryDialog } from './index';
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

/**
 * Section-bar tools: the status goes through the workflow (StatusControl,
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

/**
 * The bars docked in the editor's sticky top block — the running session's
 * bar and the lock banner of a frozen SOP: they take their own room and never
 * cover the document.
 */
export function ReviewDockedBars({ review }: { review: EditorReview }) {
  return (
    <>
      <ReviewBar part="banner" />
      {review.deps && <RevisionBanner deps={review.deps} />}
    </>
  );
}

/** The end-of-session summary (a dialog). */
export function ReviewSummary({ review }: { review: EditorReview }) {
  return <SummaryDialog onVersionSaved={review.versionSaved} />;
}

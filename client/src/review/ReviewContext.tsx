import { createContext, type ReactNode, useContext } from 'react';
import { type ReviewApi, type ReviewDeps, useReviewSession } from './useReviewSession';

/** The live review state for components deep in the editor (step rows, header). */
export const ReviewContext = createContext<ReviewApi | null>(null);

/** The review state, or null outside a `ReviewProvider` (components then render nothing). */
export function useReview(): ReviewApi | null {
  return useContext(ReviewContext);
}

/**
 * Runs presenter mode for the open SOP and provides it to the review components
 * below. `deps` may be null while the discussion doc is not open yet: the tree
 * stays the same (no remount of the editor), the components render nothing.
 */
export function ReviewProvider({
  deps,
  children,
}: {
  deps: ReviewDeps | null;
  children?: ReactNode;
}) {
  const api = useReviewSession(deps);
  return <ReviewContext.Provider value={api}>{children}</ReviewContext.Provider>;
}

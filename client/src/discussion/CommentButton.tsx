import type { Anchor, OpenCounts } from '@shared/discussion/index';
import { MessageSquare, MessageSquarePlus } from 'lucide-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { countFor } from './hooks';
import './discussion.css';

export interface CommentButtonProps {
  /** What a new comment from this button is about. */
  anchor: Anchor;
  /** Open counts of the whole discussion (`countsOf(snapshot)`)... */
  counts?: OpenCounts;
  /** ...or this anchor's count directly (`useOpenCount`), which re-renders less. */
  count?: number;
  /** Opens the comment panel on this anchor (show its threads / a new-comment box). */
  onOpen: (anchor: Anchor) => void;
  className?: string;
}

/**
 * Small button on a step row or identity field: a speech-bubble icon plus the
 * number of open threads (`comment-count`, shown only when > 0).
 */
export const CommentButton = memo(function CommentButton({
  anchor,
  counts,
  count,
  onOpen,
  className,
}: CommentButtonProps) {
  const { t } = useTranslation('discussion');
  const n = count ?? (counts ? countFor(counts, anchor) : 0);
  const label = n > 0 ? t('button.labelCount', { count: n }) : t('button.label');
  return (
    <button
      type="button"
      className={`dc-comment-button${n > 0 ? ' dc-has-comments' : ''}${className ? ` ${className}` : ''}`}
      data-testid="comment-button"
      aria-label={label}
      title={label}
      onClick={(e) => {
        e.stopPropagation();
        onOpen(anchor);
      }}
    >
      {n > 0 ? <MessageSquare aria-hidden /> : <MessageSquarePlus aria-hidden />}
      {n > 0 && (
        <span className="dc-count" data-testid="comment-count">
          {n}
        </span>
      )}
    </button>
  );
});

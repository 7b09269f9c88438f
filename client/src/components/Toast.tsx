import { useEffect } from 'react';

/** A transient status message with an optional action (e.g. "Undo"); auto-hides. */
export function Toast({
  message,
  actionLabel,
  onAction,
  onClose,
  timeoutMs = 8000,
}: {
  message: string;
  actionLabel?: string;
  onAction?: () => void;
  onClose: () => void;
  timeoutMs?: number;
}) {
  useEffect(() => {
    const t = setTimeout(onClose, timeoutMs);
    return () => clearTimeout(t);
  }, [onClose, timeoutMs]);
  return (
    <div className="toast" role="status" aria-live="polite">
      <span>{message}</span>
      {actionLabel && onAction && (
        <button type="button" className="btn btn-sm" onClick={onAction}>
          {actionLabel}
        </button>
      )}
    </div>
  );
}

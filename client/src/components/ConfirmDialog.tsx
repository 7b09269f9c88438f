import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogShell } from './DialogShell';

/**
 * A yes/no question before a consequential action (disable a user, delete a unit,
 * sign out everywhere, revoke a token). When `onConfirm` returns a promise the dialog
 * shows it running, closes when it resolves and shows its error (through `errorText`)
 * when it rejects; `busy` and `error` may also be driven from outside.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  body,
  confirmLabel,
  danger = true,
  onConfirm,
  busy: busyOutside = false,
  error: errorOutside = null,
  errorText = (e) => (e instanceof Error ? e.message : String(e)),
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<void> | void;
  busy?: boolean;
  error?: string | null;
  errorText?: (e: unknown) => string;
}) {
  const { t } = useTranslation();
  const [running, setRunning] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const busy = busyOutside || running;
  const error = errorOutside ?? failed;
  async function confirm() {
    const result = onConfirm();
    if (!(result instanceof Promise)) return;
    setRunning(true);
    setFailed(null);
    try {
      await result;
      onOpenChange(false);
    } catch (e) {
      setFailed(errorText(e));
    } finally {
      setRunning(false);
    }
  }
  return (
    <DialogShell
      open={open}
      onOpenChange={(o) => {
        if (!o) setFailed(null);
        onOpenChange(o);
      }}
      title={title}
      description={body}
      closeLabel={t('dialog.cancel')}
      closeDisabled={busy}
      role="alertdialog"
      testId="confirm-dialog"
    >
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" disabled={busy} onClick={() => onOpenChange(false)}>
          {t('dialog.cancel')}
        </button>
        <button
          type="button"
          className={danger ? 'btn btn-danger' : 'btn btn-primary'}
          disabled={busy}
          onClick={() => void confirm()}
          data-testid="confirm-ok"
        >
          {confirmLabel}
        </button>
      </div>
    </DialogShell>
  );
}

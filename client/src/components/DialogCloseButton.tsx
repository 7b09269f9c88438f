import * as Dialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';

/** The "×" in the corner of every Radix dialog; `label` is its accessible name. */
export function DialogCloseButton({ label, disabled }: { label: string; disabled?: boolean }) {
  return (
    <Dialog.Close asChild>
      <button
        type="button"
        className="dialog-close btn btn-ghost btn-icon"
        aria-label={label}
        disabled={disabled}
      >
        <X aria-hidden />
      </button>
    </Dialog.Close>
  );
}

import * as Dialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';
import { DialogCloseButton } from './DialogCloseButton';

interface DialogShellProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  /** Read out with the title; omit when the body says it. */
  description?: ReactNode;
  /** The accessible name of the corner "×" (Tutup / Batal). */
  closeLabel: string;
  /** Disables closing from the "×" (while a request runs). */
  closeDisabled?: boolean;
  /** Extra classes on the content box (`dialog-content` is always there). */
  className?: string;
  /** Replaces the content box's classes (side sheets). */
  contentClassName?: string;
  overlayClassName?: string;
  testId?: string;
  role?: 'dialog' | 'alertdialog';
  /** A trigger button (rendered as `Dialog.Trigger asChild`), when the dialog owns one. */
  trigger?: ReactNode;
  /** Classes of the description (default `dialog-description`). */
  descriptionClassName?: string;
  /** A click outside does not close it (a dialog showing something only once). */
  keepOnOutsideClick?: boolean;
  children?: ReactNode;
}

/**
 * The one dialog frame: overlay, centred box, title, optional description, the
 * body and the corner close button. Every dialog of the client uses it, so they
 * look, label and close the same way.
 */
export function DialogShell({
  open,
  onOpenChange,
  title,
  description,
  closeLabel,
  closeDisabled,
  className,
  contentClassName,
  overlayClassName = 'dialog-overlay',
  testId,
  role,
  trigger,
  descriptionClassName = 'dialog-description',
  keepOnOutsideClick = false,
  children,
}: DialogShellProps) {
  const content =
    contentClassName ?? (className ? `dialog-content ${className}` : 'dialog-content');
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>}
      <Dialog.Portal>
        <Dialog.Overlay className={overlayClassName} />
        <Dialog.Content
          className={content}
          data-testid={testId}
          role={role}
          {...(keepOnOutsideClick
            ? { onPointerDownOutside: (e: Event) => e.preventDefault() }
            : {})}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <Dialog.Title className="dialog-title">{title}</Dialog.Title>
          {description && (
            <Dialog.Description className={descriptionClassName}>{description}</Dialog.Description>
          )}
          {children}
          <DialogCloseButton label={closeLabel} disabled={closeDisabled} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

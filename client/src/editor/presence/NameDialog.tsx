import * as Dialog from '@radix-ui/react-dialog';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks the user's display name (once; the caller remembers it). */
export function NameDialog({
  open,
  initial,
  onSave,
  onOpenChange,
}: {
  open: boolean;
  initial: string;
  onSave: (name: string) => void;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  useEffect(() => {
    if (open) setName(initial);
  }, [open, initial]);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (name.trim()) onSave(name.trim());
  }
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content" data-testid="name-dialog">
          <Dialog.Title className="dialog-title">{t('presence.nameTitle')}</Dialog.Title>
          <Dialog.Description className="dialog-description">
            {t('presence.nameDescription')}
          </Dialog.Description>
          <form onSubmit={submit} className="dialog-form">
            <label className="field">
              <span className="field-label">{t('presence.nameLabel')}</span>
              <input
                className="input"
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder={t('presence.namePlaceholder')}
                maxLength={60}
                data-testid="user-name-input"
              />
            </label>
            <div className="dialog-actions">
              <button
                type="submit"
                className="btn btn-primary"
                disabled={!name.trim()}
                data-testid="user-name-save"
              >
                {t('presence.save')}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

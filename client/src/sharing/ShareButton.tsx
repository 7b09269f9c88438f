import * as Dialog from '@radix-ui/react-dialog';
import { Share2 } from 'lucide-react';
import { useState } from 'react';
import { useAdminT } from '../admin/i18n';
import { useUser } from '../auth/AuthContext';
import { DialogCloseButton } from '../components/DialogCloseButton';
import { WithTooltip } from '../components/IconButton';
import { ShareDialogBody } from './ShareDialogBody';
import './sharing.css';

/** "Bagikan" in the editor header: opens who-has-access and meeting links. Hidden for guests. */
export function ShareButton({ sopId }: { sopId: string }) {
  const { t } = useAdminT();
  const user = useUser();
  const [open, setOpen] = useState(false);
  if (user?.kind === 'guest') return null;
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <WithTooltip label={t('share.title')}>
        <Dialog.Trigger asChild>
          <button type="button" className="btn btn-primary share-button" data-testid="share-button">
            <Share2 aria-hidden />
            <span className="share-button-label">{t('share.button')}</span>
          </button>
        </Dialog.Trigger>
      </WithTooltip>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content share-dialog" data-testid="share-dialog">
          <Dialog.Title className="dialog-title">{t('share.title')}</Dialog.Title>
          <Dialog.Description className="dialog-description">
            {t('share.description')}
          </Dialog.Description>
          {open && <ShareDialogBody sopId={sopId} />}
          <DialogCloseButton label={t('common.close')} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

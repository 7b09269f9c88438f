import * as Dialog from '@radix-ui/react-dialog';
import { ScrollText } from 'lucide-react';
import { useState } from 'react';
import { useAdminT } from '../admin/i18n';
import { DialogCloseButton } from '../components/DialogCloseButton';
import { WithTooltip } from '../components/IconButton';
import { HistoryTimeline } from './HistoryTimeline';
import './history.css';

/** "Riwayat" in the editor header: the SOP's timeline in a side sheet. */
export function HistoryButton({ sopId }: { sopId: string }) {
  const { t } = useAdminT();
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <WithTooltip label={t('history.open')}>
        <Dialog.Trigger asChild>
          <button
            type="button"
            className="btn btn-ghost btn-icon"
            aria-label={t('history.open')}
            data-testid="history-button"
          >
            <ScrollText aria-hidden />
          </button>
        </Dialog.Trigger>
      </WithTooltip>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay history-overlay" />
        <Dialog.Content className="history-sheet" data-testid="history-panel">
          <div className="history-sheet-head">
            <Dialog.Title className="dialog-title">{t('history.title')}</Dialog.Title>
            <Dialog.Description className="dialog-description">
              {t('history.description')}
            </Dialog.Description>
          </div>
          {open && <HistoryTimeline sopId={sopId} />}
          <DialogCloseButton label={t('common.close')} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

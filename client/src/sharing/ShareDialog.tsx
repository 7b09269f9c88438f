import { useAdminT } from '../admin/i18n';
import { DialogShell } from '../components/DialogShell';
import { ShareDialogBody } from './ShareDialogBody';
import './sharing.css';

/** "Bagikan": who has access and the meeting links (opened from the editor header). */
export function ShareDialog({
  sopId,
  open,
  onOpenChange,
}: {
  sopId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useAdminT();
  return (
    <DialogShell
      open={open}
      onOpenChange={onOpenChange}
      title={t('share.title')}
      description={t('share.description')}
      closeLabel={t('common.close')}
      className="share-dialog"
      testId="share-dialog"
    >
      {open && <ShareDialogBody sopId={sopId} />}
    </DialogShell>
  );
}

import { useAdminT } from '../admin/i18n';
import { DialogShell } from '../components/DialogShell';
import { HistoryTimeline } from './HistoryTimeline';
import './history.css';

/** "Riwayat": the SOP's timeline in a side sheet (opened from the editor header). */
export function HistoryDialog({
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
      title={t('history.title')}
      description={t('history.description')}
      closeLabel={t('common.close')}
      contentClassName="history-sheet"
      overlayClassName="dialog-overlay history-overlay"
      testId="history-panel"
    >
      {open && <HistoryTimeline sopId={sopId} />}
    </DialogShell>
  );
}

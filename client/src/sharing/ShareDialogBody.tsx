import { useCallback } from 'react';
import { listDirectory, listUnits } from '../admin/adminApi';
import { errorText, useAdminT } from '../admin/i18n';
import { useLoad } from '../admin/useLoad';
import { MeetingLinks } from './MeetingLinks';
import { PeopleSection } from './PeopleSection';
import { getAccess, getMembers } from './sharingApi';

/** The sharing dialog's content: loads access, members, units and the directory together. */
export function ShareDialogBody({ sopId }: { sopId: string }) {
  const { t } = useAdminT();
  const access = useLoad(useCallback((s: AbortSignal) => getAccess(sopId, s), [sopId]));
  const members = useLoad(useCallback((s: AbortSignal) => getMembers(sopId, s), [sopId]));
  const units = useLoad(useCallback((s: AbortSignal) => listUnits(s), []));
  const directory = useLoad(useCallback((s: AbortSignal) => listDirectory(s), []));
  const reload = useCallback(() => {
    members.reload();
    access.reload();
  }, [members.reload, access.reload]);

  const error = access.error ?? members.error;
  if (error !== null) {
    return (
      <div className="share-error" role="alert">
        <p className="form-error">{errorText(t, error)}</p>
        <button type="button" className="btn" onClick={reload}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (!access.data || !members.data) return <p className="empty-state">{t('common.loading')}</p>;
  const can = access.data.can;
  return (
    <div className={can.createLink ? 'share-grid' : 'share-grid share-grid-single'}>
      <PeopleSection
        sopId={sopId}
        canManage={can.manage}
        members={members.data}
        units={units.data ?? []}
        directory={directory.data ?? []}
        onChanged={reload}
      />
      {can.createLink && <MeetingLinks sopId={sopId} />}
    </div>
  );
}

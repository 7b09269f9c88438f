import { isLocked } from '@shared/model/index';
import { Lock, PencilLine } from 'lucide-react';
import { useState } from 'react';
import { startRevision } from '../lib/workflowApi';
import { workflowErrorText } from './ApprovalChain';
import { useReviewT } from './i18n';
import type { ReviewDeps } from './reviewTypes';
import { useSopStatus } from './StatusControl';
import './review.css';

/** Whether the SOP's status freezes the editor now (approved, revoked or superseded). */
export function useEditLock(deps: Pick<ReviewDeps, 'sop'>): boolean {
  return isLocked(useSopStatus(deps.sop));
}

/**
 * Banner over a frozen SOP. Approved: "start a revision to edit" — the editor
 * stays read-only until someone allowed to (`can.revise`: the owner or an
 * approver of the unit) starts it on the server, which keeps the approved
 * version first (an explicit act, not the first keystroke: an SOP in force must
 * not silently become a draft because someone typed in a meeting). Revoked /
 * superseded: read-only for good.
 */
export function RevisionBanner({ deps }: { deps: ReviewDeps }) {
  const { t } = useReviewT();
  const status = useSopStatus(deps.sop);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!isLocked(status)) return null;
  const approved = status === 'approved';
  async function start() {
    setBusy(true);
    setError(null);
    try {
      await startRevision(deps.sopId);
    } catch (e) {
      setError(workflowErrorText(t, e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="rv-lock" role="status" data-testid="revision-banner" data-status={status}>
      <Lock aria-hidden />
      <span>
        {approved
          ? t(deps.can.revise ? 'revision.approved' : 'revision.approvedNoRight')
          : t('revision.final', { status: t(`status.${status}`) })}
      </span>
      {approved && deps.can.revise && (
        <button
          type="button"
          className="btn btn-sm btn-primary"
          data-testid="revision-start"
          disabled={busy}
          onClick={() => void start()}
        >
          <PencilLine aria-hidden />
          {busy ? t('revision.starting') : t('revision.start')}
        </button>
      )}
      {error && <span className="form-error">{t('revision.failed', { message: error })}</span>}
    </div>
  );
}

import { Lock, PencilLine } from 'lucide-react';
import { useState } from 'react';
import { listApprovals } from '../../../shared/discussion/reviewApprovals';
import { isLocked, startRevision } from '../../../shared/model/index';
import { useReviewT } from './i18n';
import { useSopStatus } from './StatusControl';
import type { ReviewDeps } from './useReviewSession';
import { listVersions, saveVersion } from './versionsApi';
import './review.css';

/** Whether the editor must be read-only now (approved, revoked or superseded). */
export function useEditLock(deps: Pick<ReviewDeps, 'sop'>): boolean {
  return isLocked(useSopStatus(deps.sop));
}

/**
 * Makes sure the approved state is kept as an 'approved' version before a
 * revision changes it: normally stored at approval; if that did not happen
 * (offline, failure), store it now — the server still holds the approved state.
 */
async function ensureApprovedVersion(deps: ReviewDeps, label: string): Promise<void> {
  const approvals = listApprovals(deps.discussion);
  const lastAt = approvals[approvals.length - 1]?.at ?? 0;
  const versions = await listVersions(deps.sopId);
  const kept = versions.some((v) => v.kind === 'approved' && Date.parse(v.createdAt) >= lastAt);
  if (kept) return;
  await saveVersion({
    sopId: deps.sopId,
    label,
    kind: 'approved',
    createdBy: deps.user.name,
    doc: deps.sop.doc,
    ...(deps.waitSaved ? { waitSaved: deps.waitSaved } : {}),
  });
}

/**
 * Banner over a frozen SOP. Approved: "start a revision to edit" — the editor
 * stays read-only until someone starts it (an explicit act, not the first
 * keystroke: an SOP in force must not silently become a draft because someone
 * typed in a meeting). Revoked / superseded: read-only for good.
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
      const effective = deps.sop.identity.get().effectiveDate;
      await ensureApprovedVersion(deps, t('approve.versionLabel', { date: effective }));
      // Another user may have started it meanwhile: then there is nothing to do.
      if (deps.sop.meta.get().status === 'approved') startRevision(deps.sop);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="rv-lock" role="status" data-testid="revision-banner" data-status={status}>
      <Lock aria-hidden />
      <span>
        {approved ? t('revision.approved') : t('revision.final', { status: t(`status.${status}`) })}
      </span>
      {approved && (
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

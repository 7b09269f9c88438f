import type { Discussion } from '@shared/discussion/index';
import { listApprovals } from '@shared/discussion/reviewApprovals';
import { localIsoDate, type SopDoc } from '@shared/model/index';
import { AlertTriangle, BadgeCheck } from 'lucide-react';
import { type FormEvent, useEffect, useState, useSyncExternalStore } from 'react';
import { api } from '../admin/http';
import { DateField } from '../components/DateField';
import { DialogShell } from '../components/DialogShell';
import { Field } from '../components/Field';
import { CommandError } from '../lib/commands';
import { todayIso } from '../lib/dates';
import { type ApproveResult, approveSop } from '../lib/workflowApi';
import { ApprovalChain, useApprovalInfo, workflowErrorText } from './ApprovalChain';
import { ChangesSinceApproved } from './ChangesSinceApproved';
import { useReviewT } from './i18n';
import type { ReviewDeps } from './reviewTypes';
import './review.css';
import './approval.css';

/**
 * The default Tanggal Efektif: the one planned in the SOP, unless it is only
 * left over from the previous approval (a revision keeps it); else today.
 */
export function defaultEffectiveDate(sop: SopDoc, discussion: Discussion): string {
  const planned = sop.identity.get().effectiveDate;
  const approvals = listApprovals(discussion);
  const previous = approvals[approvals.length - 1]?.effectiveDate;
  return planned && planned !== previous ? planned : localIsoDate();
}

/**
 * Approval through the server (`POST /api/sops/:id/approve`): Disahkan oleh
 * comes from the approver's account (shown, not typed), Tanggal Efektif may be
 * planned; the steps still needing change (the server's view, refreshed when
 * verdicts or threads change) block unless overridden with a reason; the
 * unit's approval chain shows who signed and whose turn it is. The server
 * fills the identity, sets the status and stores the approved version.
 */
export function ApproveDialog({
  deps,
  open,
  onOpenChange,
  onApproved,
}: {
  deps: ReviewDeps;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onApproved?: (r: ApproveResult) => void;
}) {
  const { t } = useReviewT();
  const { sop, discussion, review, profile } = deps;
  // Verdicts and threads change the blockers: refetch the server's view on change.
  const sessions = useSyncExternalStore(review.subscribe, review.getSnapshot, review.getSnapshot);
  const threads = useSyncExternalStore(
    discussion.subscribe,
    discussion.getSnapshot,
    discussion.getSnapshot,
  );
  const { info, error: loadError, reload } = useApprovalInfo(deps.sopId, open, [sessions, threads]);
  const [form, setForm] = useState({
    effectiveDate: '',
    override: false,
    reason: '',
    earlyReason: '',
  });
  /** The agency's default Disahkan oleh title (used when the profile has none). */
  const [agencyTitle, setAgencyTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [signed, setSigned] = useState<ApproveResult | null>(null);
  useEffect(() => {
    if (!open) return;
    setForm({
      effectiveDate: defaultEffectiveDate(sop, discussion),
      override: false,
      reason: '',
      earlyReason: '',
    });
    setError(null);
    setSigned(null);
  }, [open, sop, discussion]);
  useEffect(() => {
    if (!open || profile?.title) return;
    const ac = new AbortController();
    api<{ approverTitle?: string }>('/api/agency', { signal: ac.signal }).then(
      (a) => setAgencyTitle(a.approverTitle ?? ''),
      () => {},
    );
    return () => ac.abort();
  }, [open, profile?.title]);
  // A date before the approval day needs a reason (the server refuses it without one).
  const early = form.effectiveDate !== '' && form.effectiveDate < todayIso();
  const title = profile?.title || agencyTitle;
  const blockers = info?.blockers ?? [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await approveSop(deps.sopId, {
        ...(form.effectiveDate ? { effectiveDate: form.effectiveDate } : {}),
        ...(early ? { effectiveDateReason: form.earlyReason.trim() } : {}),
        ...(form.override && blockers.length > 0
          ? { override: { reason: form.reason.trim() } }
          : {}),
      });
      onApproved?.(r);
      if (r.status === 'approved') onOpenChange(false);
      else {
        setSigned(r);
        reload();
      }
    } catch (err) {
      setError(workflowErrorText(t, err));
      // The server saw blockers (or a turn) this dialog did not: show its view.
      if (err instanceof CommandError && !err.offline) reload();
    } finally {
      setBusy(false);
    }
  }

  const needReason =
    (blockers.length > 0 && (!form.override || !form.reason.trim())) ||
    (early && !form.earlyReason.trim());
  const notMyTurn = info !== null && !info.canApprove;

  return (
    <DialogShell
      open={open}
      onOpenChange={(o) => !busy && onOpenChange(o)}
      title={t('approve.title')}
      description={t('approve.description')}
      closeLabel={t('approve.cancel')}
      closeDisabled={busy}
      className="rv-approve"
      testId="approve-dialog"
    >
      {/* Before the form: the chain has its own (send back with a note). */}
      {info && (
        <ApprovalChain
          deps={deps}
          chain={info.chain}
          lastReturn={info.lastReturn ?? null}
          onReturned={() => onOpenChange(false)}
        />
      )}
      {open && <ChangesSinceApproved sopId={deps.sopId} sop={sop} />}
      <form className="dialog-form" onSubmit={submit}>
        <dl className="rv-approver" data-testid="approve-approver">
          <dt>{t('approve.approverTitle')}</dt>
          <dd data-testid="approve-approver-title">{title || '—'}</dd>
          <dt>{t('approve.approverName')}</dt>
          <dd data-testid="approve-approver-name">{profile?.name ?? deps.user.name}</dd>
          <dt>{t('approve.approverNip')}</dt>
          <dd data-testid="approve-approver-nip">{profile?.nip || '—'}</dd>
        </dl>
        <p className="rv-muted">
          {profile?.title
            ? t('approve.fromProfile')
            : agencyTitle
              ? t('approve.fromAgency')
              : t('approve.noTitle')}
        </p>
        <Field label={t('approve.effectiveDate')} hint={t('approve.effectiveDateHint')}>
          {(p) => (
            <DateField
              {...p}
              value={form.effectiveDate}
              onChange={(iso) => setForm((f) => ({ ...f, effectiveDate: iso }))}
              testId="approve-date"
              required
            />
          )}
        </Field>
        {early && (
          <Field label={t('approve.earlyReason')} hint={t('approve.earlyReasonHelp')}>
            {(p) => (
              <textarea
                {...p}
                className="textarea"
                rows={2}
                value={form.earlyReason}
                onChange={(e) => setForm((f) => ({ ...f, earlyReason: e.target.value }))}
                data-testid="approve-early-reason"
                maxLength={2000}
                required
              />
            )}
          </Field>
        )}
        <div className="rv-blockers" data-testid="approve-blockers" data-count={blockers.length}>
          {!info && !loadError && <p className="rv-muted">{t('versions.loading')}</p>}
          {loadError !== null && <p className="form-error">{workflowErrorText(t, loadError)}</p>}
          {info && blockers.length === 0 && <p className="rv-muted">{t('approve.noBlockers')}</p>}
          {blockers.length > 0 && (
            <>
              <p className="rv-h">
                <AlertTriangle aria-hidden /> {t('approve.blockers')}
              </p>
              <ul className="rv-list">
                {blockers.map((b) => (
                  <li key={b.stepId} data-testid="approve-blocker" data-step-id={b.stepId}>
                    {t('approve.blocker', {
                      n: b.stepIndex + 1,
                      text: b.activity,
                      names: b.verdicts.map((v) => v.user.name).join(', '),
                    })}
                  </li>
                ))}
              </ul>
              <label className="rv-check">
                <input
                  type="checkbox"
                  checked={form.override}
                  data-testid="approve-override"
                  onChange={(e) => setForm((f) => ({ ...f, override: e.target.checked }))}
                />
                {t('approve.override')}
              </label>
              {form.override && (
                <Field label={t('approve.overrideReason')}>
                  {(p) => (
                    <textarea
                      {...p}
                      className="textarea"
                      rows={2}
                      value={form.reason}
                      onChange={(e) => setForm((f) => ({ ...f, reason: e.target.value }))}
                      data-testid="approve-override-reason"
                      maxLength={2000}
                    />
                  )}
                </Field>
              )}
            </>
          )}
        </div>
        {signed && (
          <p className="rv-save" role="status" data-testid="approve-signed">
            {signed.next
              ? t('approve.signedNext', { name: signed.next.name })
              : t('approve.signed')}
          </p>
        )}
        {notMyTurn && !signed && (
          <p className="rv-muted" data-testid="approve-not-your-turn">
            {t('approve.notYourTurn')}
          </p>
        )}
        {error && (
          <p className="form-error" role="alert" data-testid="approve-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" disabled={busy} onClick={() => onOpenChange(false)}>
            {signed ? t('summary.close') : t('approve.cancel')}
          </button>
          {!signed && (
            <button
              type="submit"
              className="btn btn-primary"
              data-testid="approve-submit"
              disabled={busy || !info || notMyTurn || needReason}
            >
              <BadgeCheck aria-hidden />
              {busy ? t('approve.submitting') : t('approve.submit')}
            </button>
          )}
        </div>
      </form>
    </DialogShell>
  );
}

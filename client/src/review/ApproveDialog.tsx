import * as Dialog from '@radix-ui/react-dialog';
import { AlertTriangle, BadgeCheck } from 'lucide-react';
import { type FormEvent, useEffect, useState, useSyncExternalStore } from 'react';
import {
  approvalBlockers,
  approve,
  localIsoDate,
  WorkflowError,
} from '../../../shared/model/index';
import { useReviewT } from './i18n';
import type { ReviewDeps } from './useReviewSession';
import { saveVersion, type VersionListItem } from './versionsApi';
import './review.css';
import { DialogCloseButton } from '../components/DialogCloseButton';

type Phase =
  | { kind: 'form'; error: string | null }
  | { kind: 'saving' }
  | { kind: 'saveFailed'; message: string; label: string };

/**
 * Approval dialog: Disahkan oleh (title, name, NIP) and Tanggal Efektif, the
 * steps still needing change (live), and an explicit override with a reason.
 * On approve: the model approves (recorded in the discussion doc), then the
 * server is asked to store the approved version once it has the approval.
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
  onApproved?: (v: VersionListItem) => void;
}) {
  const { t } = useReviewT();
  const { sop, discussion, review, user } = deps;
  // Re-render when verdicts or threads change (blockers are live).
  useSyncExternalStore(review.subscribe, review.getSnapshot, review.getSnapshot);
  useSyncExternalStore(discussion.subscribe, discussion.getSnapshot, discussion.getSnapshot);
  const [form, setForm] = useState(() => ({
    ...sop.identity.get().approvedBy,
    effectiveDate: localIsoDate(),
    override: false,
    reason: '',
  }));
  const [phase, setPhase] = useState<Phase>({ kind: 'form', error: null });
  // Prefill from the document each time the dialog opens.
  useEffect(() => {
    if (!open) return;
    setForm({
      ...sop.identity.get().approvedBy,
      effectiveDate: localIsoDate(),
      override: false,
      reason: '',
    });
    setPhase({ kind: 'form', error: null });
  }, [open, sop]);
  const blockers = open ? approvalBlockers(sop, discussion) : [];

  async function storeVersion(label: string) {
    setPhase({ kind: 'saving' });
    try {
      const v = await saveVersion({
        sopId: deps.sopId,
        label,
        kind: 'approved',
        createdBy: user.name,
        doc: sop.doc,
        ...(deps.waitSaved ? { waitSaved: deps.waitSaved } : {}),
      });
      setPhase({ kind: 'form', error: null });
      onOpenChange(false);
      onApproved?.(v);
    } catch (e) {
      setPhase({ kind: 'saveFailed', message: e instanceof Error ? e.message : String(e), label });
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    try {
      approve(sop, discussion, {
        approver: { title: form.title, name: form.name, nip: form.nip },
        effectiveDate: form.effectiveDate,
        by: user,
        ...(form.override ? { override: { reason: form.reason, by: user } } : {}),
      });
    } catch (err) {
      if (err instanceof WorkflowError) {
        setPhase({ kind: 'form', error: t(`approve.error.${err.code}`) });
        return;
      }
      throw err;
    }
    void storeVersion(t('approve.versionLabel', { date: form.effectiveDate }));
  }

  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const busy = phase.kind === 'saving';

  return (
    <Dialog.Root open={open} onOpenChange={(o) => !busy && onOpenChange(o)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content rv-approve" data-testid="approve-dialog">
          <Dialog.Title className="dialog-title">{t('approve.title')}</Dialog.Title>
          <Dialog.Description className="dialog-description">
            {t('approve.description')}
          </Dialog.Description>
          {phase.kind === 'saveFailed' ? (
            <div>
              <p className="form-error">{phase.message}</p>
              <div className="dialog-actions">
                <button
                  type="button"
                  className="btn btn-primary"
                  onClick={() => void storeVersion(phase.label)}
                >
                  {t('summary.retry')}
                </button>
              </div>
            </div>
          ) : (
            <form className="dialog-form" onSubmit={submit}>
              <label className="field">
                <span className="field-label">{t('approve.approverTitle')}</span>
                <input
                  className="input"
                  value={form.title}
                  onChange={set('title')}
                  data-testid="approve-title"
                  maxLength={200}
                  required
                />
              </label>
              <label className="field">
                <span className="field-label">{t('approve.approverName')}</span>
                <input
                  className="input"
                  value={form.name}
                  onChange={set('name')}
                  data-testid="approve-name"
                  maxLength={200}
                  required
                />
              </label>
              <label className="field">
                <span className="field-label">{t('approve.approverNip')}</span>
                <input
                  className="input"
                  value={form.nip}
                  onChange={set('nip')}
                  data-testid="approve-nip"
                  inputMode="numeric"
                  maxLength={24}
                  aria-describedby="rv-nip-hint"
                />
                <span id="rv-nip-hint" className="rv-muted">
                  {t('approve.nipHint')}
                </span>
              </label>
              <label className="field">
                <span className="field-label">{t('approve.effectiveDate')}</span>
                <input
                  className="input"
                  type="date"
                  value={form.effectiveDate}
                  onChange={set('effectiveDate')}
                  data-testid="approve-date"
                  required
                />
              </label>
              <div
                className="rv-blockers"
                data-testid="approve-blockers"
                data-count={blockers.length}
              >
                {blockers.length === 0 ? (
                  <p className="rv-muted">{t('approve.noBlockers')}</p>
                ) : (
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
                      <label className="field">
                        <span className="field-label">{t('approve.overrideReason')}</span>
                        <textarea
                          className="textarea"
                          rows={2}
                          value={form.reason}
                          onChange={set('reason')}
                          data-testid="approve-override-reason"
                          maxLength={2000}
                        />
                      </label>
                    )}
                  </>
                )}
              </div>
              {phase.kind === 'form' && phase.error && (
                <p className="form-error" role="alert" data-testid="approve-error">
                  {phase.error}
                </p>
              )}
              <div className="dialog-actions">
                <Dialog.Close asChild>
                  <button type="button" className="btn" disabled={busy}>
                    {t('approve.cancel')}
                  </button>
                </Dialog.Close>
                <button
                  type="submit"
                  className="btn btn-primary"
                  data-testid="approve-submit"
                  disabled={
                    busy || (blockers.length > 0 && (!form.override || !form.reason.trim()))
                  }
                >
                  <BadgeCheck aria-hidden />
                  {busy ? t('summary.versionSaving') : t('approve.submit')}
                </button>
              </div>
            </form>
          )}
          <DialogCloseButton label={t('approve.cancel')} disabled={busy} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

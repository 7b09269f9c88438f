import type { ReviewSession } from '@shared/discussion/index';
import { CheckCircle2, MessageSquareWarning } from 'lucide-react';
import { useEffect, useMemo } from 'react';
import { useReviewT } from './i18n';
import { useReview } from './ReviewContext';
import { buildSummary, formatDuration, type SummaryJson } from './summaryJson';
import './review.css';
import { DialogShell } from '../components/DialogShell';

/** Calls `onVersionSaved` once the server reported the 'review' version it stored. */
export interface SummaryDialogProps {
  onVersionSaved?: () => void;
}

/**
 * The summary shown when a session ends (to every participant who was
 * watching). The server stored the 'review' version when it ended the
 * session; the user who ended it sees that confirmed.
 */
export function SummaryDialog({ onVersionSaved }: SummaryDialogProps) {
  const api = useReview();
  const session = api?.endedSession ?? null;
  if (!api || !session) return null;
  return (
    <SummaryContent
      key={session.id}
      session={session}
      byMe={api.endedByMe}
      versionId={api.endedVersionId}
      onClose={api.dismissSummary}
      {...(onVersionSaved ? { onVersionSaved } : {})}
    />
  );
}

function SummaryContent({
  session,
  byMe,
  versionId,
  onClose,
  onVersionSaved,
}: {
  session: ReviewSession;
  byMe: boolean;
  versionId: string | null | undefined;
  onClose: () => void;
  onVersionSaved?: () => void;
}) {
  const { t } = useReviewT();
  const api = useReview();
  const deps = api?.deps;
  const summary: SummaryJson | null = useMemo(
    () =>
      deps
        ? buildSummary(session, deps.sop.steps.list(), deps.discussion.getSnapshot(), Date.now())
        : null,
    [deps, session],
  );
  const state = versionId === undefined ? 'saving' : versionId === null ? 'failed' : 'saved';
  useEffect(() => {
    if (byMe && versionId) onVersionSaved?.();
  }, [byMe, versionId, onVersionSaved]);

  if (!summary) return null;
  const fmtTime = (ms: number) => formatDuration(ms);
  const stepLabel = (s: { n: number | null; activity: string }) =>
    s.n === null
      ? `${t('summary.stepDeleted')}: ${s.activity}`
      : t('summary.step', { n: s.n, text: s.activity });

  return (
    <DialogShell
      open
      onOpenChange={(o) => !o && onClose()}
      title={t('summary.title')}
      description={
        <>
          {t('summary.duration')}:{' '}
          <strong data-testid="review-summary-duration">{fmtTime(summary.durationMs)}</strong>
        </>
      }
      closeLabel={t('summary.close')}
      className="rv-summary"
      testId="review-summary"
    >
      <h3 className="rv-h">{t('summary.participants')}</h3>
      <ul className="rv-chips" data-testid="review-summary-participants">
        {summary.participants.map((p) => (
          <li key={p.id} className="pill">
            {p.name}
          </li>
        ))}
      </ul>
      <h3 className="rv-h">
        <CheckCircle2 aria-hidden /> {t('summary.agreed')} ({summary.stepsAgreed.length})
      </h3>
      {summary.stepsAgreed.length === 0 ? (
        <p className="rv-muted">{t('summary.none')}</p>
      ) : (
        <ul className="rv-list" data-testid="review-summary-agreed">
          {summary.stepsAgreed.map((s) => (
            <li key={s.stepId} data-step-id={s.stepId}>
              {stepLabel(s)}
            </li>
          ))}
        </ul>
      )}
      <h3 className="rv-h">
        <MessageSquareWarning aria-hidden /> {t('summary.needsChange')} (
        {summary.stepsNeedingChange.length})
      </h3>
      {summary.stepsNeedingChange.length === 0 ? (
        <p className="rv-muted">{t('summary.none')}</p>
      ) : (
        <ul className="rv-list" data-testid="review-summary-change">
          {summary.stepsNeedingChange.map((s) => (
            <li key={s.stepId} data-step-id={s.stepId}>
              {stepLabel(s)}
              {s.threads.map((th) => (
                <blockquote key={th.id} className="rv-thread" data-thread-id={th.id}>
                  <span className="pill">{t(`summary.thread_${th.status}`)}</span>
                  {th.messages.map((m) => (
                    <p key={m.id}>
                      <strong>{m.author}:</strong> {m.body}
                    </p>
                  ))}
                </blockquote>
              ))}
            </li>
          ))}
        </ul>
      )}
      {summary.stepsPending > 0 && (
        <p className="rv-muted">{t('summary.pending', { count: summary.stepsPending })}</p>
      )}
      {Object.keys(summary.timePerStep).length > 0 && (
        <details className="rv-details">
          <summary>{t('summary.timePerStep')}</summary>
          <ul className="rv-list">
            {Object.entries(summary.timePerStep).map(([id, ms]) => {
              const i = deps?.sop.steps.ids().indexOf(id) ?? -1;
              return (
                <li key={id}>
                  {i >= 0 ? `${t('versions.stepNo')} ${i + 1}` : t('summary.stepDeleted')}:{' '}
                  {fmtTime(ms)}
                </li>
              );
            })}
          </ul>
        </details>
      )}
      {byMe && (
        <p className="rv-save" data-testid="review-summary-version" data-state={state}>
          {state === 'saving' && t('summary.versionSaving')}
          {state === 'saved' && t('summary.versionStored')}
          {state === 'failed' && t('summary.versionUnknown')}
        </p>
      )}
      <div className="dialog-actions">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="review-summary-close"
          onClick={onClose}
        >
          {t('summary.close')}
        </button>
      </div>
    </DialogShell>
  );
}

import { MessageSquareWarning, ThumbsUp } from 'lucide-react';
import { type FormEvent, memo, useRef, useState } from 'react';
import { DialogShell } from '../components/DialogShell';
import { useSuggestionsT } from '../suggestions/i18n';
import { useReviewT } from './i18n';
import { useReview } from './ReviewContext';
import './review.css';
import './approval.css';

/**
 * Verdict buttons and live tally for one step row (only while a review
 * session runs). "Needs change" asks for a comment, which becomes a thread on
 * the step (same transaction as the verdict). Pressing your current verdict
 * again withdraws it.
 */
export const StepVerdicts = memo(function StepVerdicts({
  stepId,
  n,
}: {
  stepId: string;
  n: number;
}) {
  // Outside a review session (nearly always) each of the rows pays for one
  // context read, not for the buttons' catalogues and state.
  return useReview()?.session ? <ActiveStepVerdicts stepId={stepId} n={n} /> : null;
});

function ActiveStepVerdicts({ stepId, n }: { stepId: string; n: number }) {
  const { t } = useReviewT();
  const api = useReview();
  const [asking, setAsking] = useState(false);
  const [comment, setComment] = useState('');
  // Suggested new wording of the Kegiatan (issue 16): prefilled when the dialog opens.
  const { t: ts } = useSuggestionsT();
  const [wording, setWording] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  // One command per click: while one is on its way, further clicks on this
  // step's buttons are ignored (a double click must not set and withdraw).
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const session = api?.session;
  if (!api || !session) return null;
  const me = api.deps.user.id;
  let agree = 0;
  let change = 0;
  let mine: 'agree' | 'change' | null = null;
  for (const v of session.verdicts) {
    if (v.stepId !== stepId) continue;
    if (v.verdict === 'agree') agree++;
    else change++;
    if (v.user.id === me) mine = v.verdict;
  }
  function once(run: () => Promise<unknown>) {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    void run().finally(() => {
      inFlight.current = false;
      setBusy(false);
    });
  }
  const current = api.deps.sop.steps.get(stepId)?.activity ?? '';
  const suggested =
    wording?.trim() && wording !== current
      ? { field: 'activity' as const, text: wording }
      : undefined;
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!api || !(comment.trim() || suggested) || sending) return;
    setSending(true);
    void api.setVerdict(stepId, 'change', comment.trim(), suggested).then((ok) => {
      setSending(false);
      // Refused (reported by a toast): the comment stays in the box.
      if (!ok) return;
      setComment('');
      setAsking(false);
    });
  }
  const tallyText = (
    <span
      className="visually-hidden"
      data-testid="review-step-tally"
      data-agree={agree}
      data-change={change}
      aria-live="polite"
    >
      {t('tally.step', { agree, change })}
    </span>
  );
  // Viewers follow the verdicts without giving any (`can.verdict`).
  if (!api.deps.can.verdict)
    return (
      <span className="rv-verdicts rv-verdicts-readonly" data-testid="review-verdicts">
        <span className="rv-verdict rv-agree" title={t('verdict.agree')}>
          <ThumbsUp aria-hidden />
          <span aria-hidden>{agree}</span>
        </span>
        <span
          className={`rv-verdict rv-change${change ? ' has-change' : ''}`}
          title={t('verdict.change')}
        >
          <MessageSquareWarning aria-hidden />
          <span aria-hidden>{change}</span>
        </span>
        {tallyText}
      </span>
    );
  return (
    <span className="rv-verdicts" data-testid="review-verdicts">
      <button
        type="button"
        className={`rv-verdict rv-agree${mine === 'agree' ? ' is-on' : ''}`}
        aria-pressed={mine === 'agree'}
        aria-label={t('verdict.agreeLabel', { n })}
        title={mine === 'agree' ? t('verdict.withdraw') : t('verdict.agree')}
        data-testid="review-verdict-agree"
        aria-busy={busy || undefined}
        onClick={() =>
          once(() =>
            mine === 'agree' ? api.clearVerdict(stepId) : api.setVerdict(stepId, 'agree'),
          )
        }
      >
        <ThumbsUp aria-hidden />
        <span aria-hidden>{agree}</span>
      </button>
      <button
        type="button"
        className={`rv-verdict rv-change${mine === 'change' ? ' is-on' : ''}${change ? ' has-change' : ''}`}
        aria-pressed={mine === 'change'}
        aria-label={t('verdict.changeLabel', { n })}
        title={mine === 'change' ? t('verdict.withdraw') : t('verdict.change')}
        data-testid="review-verdict-change"
        aria-busy={busy || undefined}
        onClick={() => {
          if (mine === 'change') once(() => api.clearVerdict(stepId));
          else {
            setWording(current);
            setAsking(true);
          }
        }}
      >
        <MessageSquareWarning aria-hidden />
        <span aria-hidden>{change}</span>
      </button>
      {tallyText}
      <DialogShell
        open={asking}
        onOpenChange={setAsking}
        title={t('verdict.commentTitle')}
        description={t('verdict.commentDescription', { n })}
        closeLabel={t('verdict.cancel')}
        testId="review-change-dialog"
      >
        <form className="dialog-form" onSubmit={submit}>
          <textarea
            className="textarea"
            rows={4}
            value={comment}
            maxLength={4000}
            aria-label={t('verdict.commentTitle')}
            placeholder={t('verdict.commentPlaceholder')}
            data-testid="review-change-comment"
            onChange={(e) => setComment(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
            }}
          />
          <label className="field-label" htmlFor={`rv-wording-${stepId}`}>
            {ts('review.label')}
          </label>
          <textarea
            id={`rv-wording-${stepId}`}
            className="textarea"
            rows={2}
            maxLength={20_000}
            value={wording ?? ''}
            aria-describedby={`rv-wording-hint-${stepId}`}
            data-testid="review-change-suggestion"
            onChange={(e) => setWording(e.target.value)}
          />
          <span id={`rv-wording-hint-${stepId}`} className="field-hint">
            {ts('review.hint')}
          </span>
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => setAsking(false)}>
              {t('verdict.cancel')}
            </button>
            <button
              type="submit"
              className="btn btn-primary"
              disabled={!(comment.trim() || suggested) || sending}
              data-testid="review-change-submit"
            >
              {t('verdict.submit')}
            </button>
          </div>
        </form>
      </DialogShell>
    </span>
  );
}

import {
  CRITERIA,
  type Criterion,
  type CriterionAnswer,
  type Recommendation,
} from '@shared/lifecycle/types';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogShell } from '../components/DialogShell';
import { submitEvaluation } from './lifecycleApi';
import { errorText } from './useAsync';

/** The evaluation against the regulation's seven criteria, ending in a recommendation. */
export function EvaluationDialog({
  sopId,
  canRevoke,
  onClose,
  onSaved,
}: {
  sopId: string;
  canRevoke: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation('lifecycle');
  const [answers, setAnswers] = useState<Partial<Record<Criterion, CriterionAnswer>>>({});
  const [notes, setNotes] = useState('');
  const [suggestions, setSuggestions] = useState('');
  const [recommendation, setRecommendation] = useState<Recommendation>('keep');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (c: Criterion, patch: Partial<CriterionAnswer>) =>
    setAnswers((a) => ({
      ...a,
      [c]: { met: a[c]?.met as boolean, comment: a[c]?.comment ?? '', ...patch },
    }));

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await submitEvaluation(sopId, { criteria: answers, notes, suggestions, recommendation });
      onSaved();
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <DialogShell
      open
      onOpenChange={(o) => !o && onClose()}
      title={t('evaluation.start')}
      closeLabel={t('monitoring.dialogClose')}
      className="lc-wide"
      testId="evaluation-dialog"
    >
      <div className="lc-dialog-body">
        <table className="lc-table">
          <thead>
            <tr>
              <th>{t('monitoring.no')}</th>
              <th>{t('evaluation.criterion')}</th>
              <th>{t('evaluation.yes')}</th>
              <th>{t('evaluation.no')}</th>
              <th>{t('evaluation.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {CRITERIA.map((c, i) => (
              <tr key={c} data-testid={`criterion-${c}`}>
                <td>{i + 1}.</td>
                <td>{t(`evaluation.criteria.${c}`)}</td>
                {([true, false] as const).map((met) => (
                  <td key={String(met)}>
                    <input
                      type="radio"
                      name={`crit-${c}`}
                      aria-label={`${t(`evaluation.criteria.${c}`)}: ${t(met ? 'evaluation.yes' : 'evaluation.no')}`}
                      checked={answers[c]?.met === met}
                      onChange={() => set(c, { met })}
                    />
                  </td>
                ))}
                <td>
                  <input
                    className="input"
                    aria-label={`${t('evaluation.comment')} ${i + 1}`}
                    value={answers[c]?.comment ?? ''}
                    onChange={(e) => set(c, { comment: e.target.value })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {(
          [
            ['notes', notes, setNotes],
            ['suggestions', suggestions, setSuggestions],
          ] as const
        ).map(([k, v, setV]) => (
          <label key={k} className="field">
            <span className="field-label">{t(`evaluation.${k}`)}</span>
            <textarea className="textarea" value={v} onChange={(e) => setV(e.target.value)} />
          </label>
        ))}
        <label className="field">
          <span className="field-label">{t('evaluation.recommendation')}</span>
          <select
            className="select"
            value={recommendation}
            onChange={(e) => setRecommendation(e.target.value as Recommendation)}
          >
            <option value="keep">{t('evaluation.keep')}</option>
            <option value="revise">{t('evaluation.revise')}</option>
            <option value="revoke" disabled={!canRevoke}>
              {t('evaluation.revoke')}
            </option>
          </select>
          {!canRevoke && <span className="field-hint">{t('evaluation.revokeOnly')}</span>}
        </label>
        {error && (
          <p className="form-message form-message-error" role="alert">
            {error}
          </p>
        )}
        <div className="lc-actions">
          <button type="button" className="btn btn-primary" disabled={busy} onClick={submit}>
            {t('evaluation.submit')}
          </button>
        </div>
      </div>
    </DialogShell>
  );
}

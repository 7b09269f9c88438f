import * as Popover from '@radix-ui/react-popover';
import { AlertTriangle } from 'lucide-react';
import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatProblem, type Problem, type StepTextField } from '../../../../shared/model/index';
import type { Step, StepTime, TimeUnit } from '../../../../shared/model/types';
import { useYTextBinding } from '../binding/useYTextBinding';
import { useSop } from '../model/hooks';
import { useEditLocked } from '../review/editLock';

const UNITS: TimeUnit[] = ['minute', 'hour', 'day', 'week', 'month', 'year'];

/** A step's text cell (Kegiatan, Kelengkapan, Output, Keterangan) bound to its Y.Text. */
export const StepTextCell = memo(function StepTextCell({
  stepId,
  field,
  n,
  testId,
}: {
  stepId: string;
  field: StepTextField;
  n: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const sop = useSop();
  const ytext = useMemo(() => sop.steps.text(stepId, field), [sop, stepId, field]);
  const ref = useYTextBinding<HTMLTextAreaElement>(ytext);
  return (
    <textarea
      ref={ref}
      className="cell-input"
      rows={1}
      data-testid={testId}
      data-field={field}
      aria-label={t('steps.cellLabel', { field: t(`steps.${field}`), n })}
    />
  );
});

/** Waktu: amount (number) and unit. */
export function TimeCell({ stepId, time, n }: { stepId: string; time: StepTime; n: number }) {
  const { t } = useTranslation();
  const sop = useSop();
  // While typing, keep the raw text ("1," or "") instead of re-deriving it from the model.
  const [draft, setDraft] = useState<string | null>(null);
  const locked = useEditLocked();
  const value = draft ?? (time.amount === null ? '' : String(time.amount));
  return (
    <div className="time-cell">
      <input
        type="number"
        min={0}
        step="any"
        inputMode="decimal"
        className="cell-input cell-number"
        data-field="time"
        aria-label={t('steps.timeAmount', { n })}
        value={value}
        readOnly={locked}
        onChange={(e) => {
          const v = e.target.value;
          setDraft(v);
          if (v.trim() === '') sop.steps.setTime(stepId, { amount: null });
          else if (Number.isFinite(Number(v))) sop.steps.setTime(stepId, { amount: Number(v) });
        }}
        onBlur={() => setDraft(null)}
      />
      <select
        className="select cell-select cell-unit"
        data-field="time"
        aria-label={t('steps.timeUnit', { n })}
        value={time.unit}
        disabled={locked}
        onChange={(e) => sop.steps.setTime(stepId, { unit: e.target.value as TimeUnit })}
      >
        {UNITS.map((u) => (
          <option key={u} value={u}>
            {t(`steps.units.${u}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A step a decision exit can point at. */
export interface TargetOption {
  id: string;
  label: string;
}

/** Ya / Tidak targets of a decision row. */
export function DecisionTargets({
  step,
  n,
  options,
}: {
  step: Step;
  n: number;
  options: readonly TargetOption[];
}) {
  const { t } = useTranslation();
  const sop = useSop();
  const choices = options.filter((o) => o.id !== step.id);
  const locked = useEditLocked();
  const select = (branch: 'yes' | 'no') => (
    <label className={`branch branch-${branch}`}>
      <span className="branch-label">
        {branch === 'yes' ? t('steps.yes') : t('steps.noBranch')}
      </span>
      <select
        className="select cell-select"
        data-testid={`step-${branch}`}
        data-field={branch}
        aria-label={`${branch === 'yes' ? t('steps.yesTarget') : t('steps.noTarget')} (${t('steps.stepLabel', { n })})`}
        value={step[branch] ?? ''}
        disabled={locked}
        onChange={(e) => sop.steps.setTargets(step.id, { [branch]: e.target.value || null })}
      >
        <option value="">{t('steps.pickTarget')}</option>
        {choices.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="branches">
      {select('yes')}
      {select('no')}
    </div>
  );
}

/** Validation badge of a row, with the messages in a popover. */
export function ProblemBadge({ problems }: { problems: readonly Problem[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const error = problems.some((p) => p.severity === 'error');
  const messages = problems.map((p) => formatProblem(p, lang));
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button
          type="button"
          className={`problem-badge ${error ? 'is-error' : 'is-warning'}`}
          aria-label={`${t('validation.show')}: ${messages.join('; ')}`}
          data-testid="step-problem"
        >
          <AlertTriangle aria-hidden />
          {problems.length > 1 ? problems.length : null}
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="popover-content" side="right" sideOffset={6}>
          <ul className="problem-list">
            {messages.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: messages are static for this render
              <li key={i} className="problem-text">
                {m}
              </li>
            ))}
          </ul>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

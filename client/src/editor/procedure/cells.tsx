import * as Popover from '@radix-ui/react-popover';
import { formatProblem, type Problem, type StepTextField } from '@shared/model/index';
import type { StepTime, TimeUnit } from '@shared/model/types';
import { AlertTriangle } from 'lucide-react';
import {
  memo,
  type ReactNode,
  type SelectHTMLAttributes,
  useContext,
  useMemo,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useEditLocked } from '../../review/editLock';
import { useYTextBinding } from '../binding/useYTextBinding';
import { type StepFields, useSop } from '../model/hooks';
import { TableActionsContext } from './tableActions';

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
  const { labels } = useContext(TableActionsContext);
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
      aria-label={labels.cell(labels[field], n)}
    />
  );
});

/**
 * A select that shows its choice as text that wraps (a long pelaksana name,
 * "Mulai/Selesai", "minute" in English) instead of cutting it: the native
 * select lies transparent over the text, so the keyboard, screen readers and
 * the browser's own picker work as with any select.
 */
export function ChipSelect({
  shown,
  className,
  children,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { shown: ReactNode; children: ReactNode }) {
  return (
    <span className={className ? `chip-select ${className}` : 'chip-select'}>
      <span className="chip-select-face" aria-hidden>
        {shown}
      </span>
      <select {...select} className="chip-select-native">
        {children}
      </select>
    </span>
  );
}

/** An amount of time as typed: digits with at most one decimal separator ("1,5" or "1.5"). */
const AMOUNT = /^\d*(?:[.,]\d*)?$/;
/** Largest amount accepted (a century in minutes is far beyond any step). */
const MAX_AMOUNT = 1_000_000;

/**
 * Reads a typed amount: null for an empty field, a number for a valid one,
 * undefined when it is refused (negative, not a number, too large).
 */
export function parseAmount(text: string): number | null | undefined {
  const v = text.trim();
  if (!AMOUNT.test(v)) return undefined;
  // Empty, or only the separator typed so far: no amount yet.
  if (v === '' || v === '.' || v === ',') return null;
  const n = Number(v.replace(',', '.'));
  return Number.isFinite(n) && n >= 0 && n <= MAX_AMOUNT ? n : undefined;
}

/**
 * Waktu: amount and unit. The amount field refuses what is not a time — a minus
 * sign, letters, "1e5" — at the keystroke: the character does not appear and a
 * short message says why.
 */
export function TimeCell({ stepId, time, n }: { stepId: string; time: StepTime; n: number }) {
  const { labels } = useContext(TableActionsContext);
  const sop = useSop();
  // While typing, keep the raw text ("1," or "") instead of re-deriving it from the model.
  const [draft, setDraft] = useState<string | null>(null);
  const [refused, setRefused] = useState(false);
  const locked = useEditLocked();
  const value = draft ?? (time.amount === null ? '' : String(time.amount));
  const errorId = `time-error-${stepId}`;
  return (
    <div className="time-cell">
      <input
        type="text"
        inputMode="decimal"
        autoComplete="off"
        className="cell-input cell-number"
        data-field="time"
        data-testid="step-time"
        aria-label={labels.timeAmount(n)}
        aria-invalid={refused || undefined}
        aria-describedby={refused ? errorId : undefined}
        value={value}
        readOnly={locked}
        onChange={(e) => {
          const v = e.target.value;
          const amount = parseAmount(v);
          if (amount === undefined) {
            // Refused: the field keeps its previous text (controlled input).
            setRefused(true);
            return;
          }
          setRefused(false);
          setDraft(v);
          sop.steps.setTime(stepId, { amount });
        }}
        onBlur={() => {
          setDraft(null);
          setRefused(false);
        }}
      />
      <ChipSelect
        className="cell-unit"
        shown={labels.units[time.unit]}
        data-field="time"
        aria-label={labels.timeUnit(n)}
        value={time.unit}
        disabled={locked}
        onChange={(e) => sop.steps.setTime(stepId, { unit: e.target.value as TimeUnit })}
      >
        {UNITS.map((u) => (
          <option key={u} value={u}>
            {labels.units[u]}
          </option>
        ))}
      </ChipSelect>
      {refused && (
        <span id={errorId} className="cell-error" role="alert">
          {labels.timeRefused}
        </span>
      )}
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
  step: StepFields;
  n: number;
  options: readonly TargetOption[];
}) {
  const { labels } = useContext(TableActionsContext);
  const sop = useSop();
  const choices = options.filter((o) => o.id !== step.id);
  const locked = useEditLocked();
  const select = (branch: 'yes' | 'no') => (
    <span className={`branch branch-${branch}`}>
      <span className="branch-label" aria-hidden>
        {branch === 'yes' ? labels.yes : labels.noBranch}
      </span>
      <ChipSelect
        className="branch-select"
        shown={choices.find((o) => o.id === step[branch])?.label ?? labels.pickTarget}
        data-testid={`step-${branch}`}
        data-field={branch}
        aria-label={`${branch === 'yes' ? labels.yesTarget : labels.noTarget} (${labels.stepLabel(n)})`}
        value={step[branch] ?? ''}
        disabled={locked}
        onChange={(e) => sop.steps.setTargets(step.id, { [branch]: e.target.value || null })}
      >
        <option value="">{labels.pickTarget}</option>
        {choices.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </ChipSelect>
    </span>
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

import {
  SUGGESTION_STEP_FIELDS,
  type SuggestionChange,
  type SuggestionStepField,
} from '@shared/discussion/index';
import type { StepKind, TimeUnit } from '@shared/model/types';
import { PencilLine } from 'lucide-react';
import { type FormEvent, memo, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogShell } from '../components/DialogShell';
import { useActors, useStep, useStepIds } from '../editor/model/hooks';
import { DiffText } from './DiffText';
import { useSuggestionsT } from './i18n';
import { useSuggestions } from './SuggestionsContext';
import './suggestions.css';

type What = 'wording' | 'time' | 'actor' | 'insert' | 'move' | 'delete';
const WHATS: readonly What[] = ['wording', 'time', 'actor', 'insert', 'move', 'delete'];
const KINDS: readonly StepKind[] = ['process', 'decision', 'terminator'];
const UNITS: readonly TimeUnit[] = ['minute', 'hour', 'day', 'week', 'month', 'year'];

function amountOf(text: string): number | null | undefined {
  const v = text.trim().replace(',', '.');
  if (v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 && n <= 1_000_000 ? n : undefined;
}

/** The step-row button that opens the suggestion form (only while suggesting). */
export const SuggestStepButton = memo(function SuggestStepButton({
  stepId,
  n,
}: {
  stepId: string;
  n: number;
}) {
  const ctx = useSuggestions();
  const { t: ts } = useSuggestionsT();
  const [open, setOpen] = useState(false);
  if (!ctx?.suggesting) return null;
  return (
    <>
      <button
        type="button"
        className="btn btn-ghost btn-icon btn-sm sg-suggest-button"
        data-testid="suggest-step"
        aria-label={ts('form.openStep', { n })}
        title={ts('form.openStep', { n })}
        onClick={() => setOpen(true)}
      >
        <PencilLine aria-hidden />
      </button>
      {open && <SuggestStepDialog stepId={stepId} n={n} onClose={() => setOpen(false)} />}
    </>
  );
});

/**
 * What a person can propose for one step: new wording of a cell, another time,
 * another pelaksana or kind, a new step after it, a move, or its deletion; with an
 * optional reason (the first message of its thread).
 */
function SuggestStepDialog({
  stepId,
  n,
  onClose,
}: {
  stepId: string;
  n: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { t: ts } = useSuggestionsT();
  const ctx = useSuggestions();
  const step = useStep(stepId);
  const actors = useActors();
  const ids = useStepIds();
  const id = useId();
  const [what, setWhat] = useState<What>('wording');
  const [field, setField] = useState<SuggestionStepField>('activity');
  const [texts, setTexts] = useState<Partial<Record<SuggestionStepField, string>>>({});
  const [amount, setAmount] = useState(
    step?.time.amount === null ? '' : String(step?.time.amount ?? ''),
  );
  const [unit, setUnit] = useState<TimeUnit>(step?.time.unit ?? 'minute');
  const [actorId, setActorId] = useState<string>(step?.actorId ?? '');
  const [kind, setKind] = useState<StepKind>(step?.kind ?? 'process');
  const [after, setAfter] = useState<string>(() => ids[ids.indexOf(stepId) - 1] ?? '');
  const [fresh, setFresh] = useState({ activity: '', requirements: '', output: '', notes: '' });
  const [freshActor, setFreshActor] = useState<string>(step?.actorId ?? '');
  const [freshKind, setFreshKind] = useState<StepKind>('process');
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  if (!step || !ctx) return null;
  const current = step[field];
  const text = texts[field] ?? current;

  let change: SuggestionChange | null = null;
  switch (what) {
    case 'wording':
      if (text !== current) change = { kind: 'stepText', stepId, field, text };
      break;
    case 'time': {
      const a = amountOf(amount);
      if (a !== undefined && (a !== step.time.amount || unit !== step.time.unit))
        change = { kind: 'stepTime', stepId, time: { amount: a, unit } };
      break;
    }
    case 'actor':
      if ((actorId || null) !== step.actorId || kind !== step.kind)
        change = { kind: 'stepActor', stepId, actorId: actorId || null, stepKind: kind };
      break;
    case 'insert':
      if (fresh.activity.trim())
        change = {
          kind: 'insertStep',
          afterStepId: stepId,
          step: {
            kind: freshKind,
            actorId: freshActor || null,
            activity: fresh.activity.trim(),
            requirements: fresh.requirements.trim(),
            output: fresh.output.trim(),
            notes: fresh.notes.trim(),
            time: { amount: null, unit: 'minute' },
          },
        };
      break;
    case 'move': {
      const target = after || null;
      const prev = ids[ids.indexOf(stepId) - 1] ?? null;
      if (target !== prev && target !== stepId)
        change = { kind: 'moveStep', stepId, afterStepId: target };
      break;
    }
    case 'delete':
      change = { kind: 'deleteStep', stepId };
      break;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!change || sending || !ctx) return;
    setSending(true);
    void ctx.create(change, comment).then((ok) => {
      setSending(false);
      if (ok) onClose();
    });
  }

  const label = (key: string, control: string) => (
    <label className="field-label" htmlFor={`${id}-${control}`}>
      {key}
    </label>
  );
  return (
    <DialogShell
      open
      onOpenChange={(o) => !o && onClose()}
      title={ts('form.titleStep', { n })}
      description={ts('form.description')}
      closeLabel={ts('form.cancel')}
      className="sg-dialog"
      testId="suggest-dialog"
    >
      <form className="dialog-form sg-form" onSubmit={submit}>
        <div className="field">
          {label(ts('form.what'), 'what')}
          <select
            id={`${id}-what`}
            className="select"
            data-testid="suggest-what"
            value={what}
            onChange={(e) => setWhat(e.target.value as What)}
          >
            {WHATS.map((w) => (
              <option key={w} value={w}>
                {ts(`form.whatOptions.${w}`)}
              </option>
            ))}
          </select>
        </div>
        {what === 'wording' && (
          <>
            <div className="field">
              {label(ts('form.field'), 'field')}
              <select
                id={`${id}-field`}
                className="select"
                data-testid="suggest-field"
                value={field}
                onChange={(e) => setField(e.target.value as SuggestionStepField)}
              >
                {SUGGESTION_STEP_FIELDS.map((f) => (
                  <option key={f} value={f}>
                    {t(`steps.${f}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              {label(ts('form.text'), 'text')}
              <textarea
                id={`${id}-text`}
                className="textarea"
                rows={3}
                maxLength={20_000}
                data-testid="suggest-text"
                value={text}
                onChange={(e) => setTexts((m) => ({ ...m, [field]: e.target.value }))}
              />
            </div>
            <div className="sg-preview" aria-live="polite">
              <span className="field-label">{ts('form.preview')}</span>
              {change ? (
                <DiffText from={current} to={text} />
              ) : (
                <span className="sg-muted">{ts('form.nothing')}</span>
              )}
            </div>
          </>
        )}
        {what === 'time' && (
          <div className="sg-inline">
            <div className="field">
              {label(t('steps.time'), 'amount')}
              <input
                id={`${id}-amount`}
                className="input"
                inputMode="decimal"
                value={amount}
                aria-invalid={amountOf(amount) === undefined || undefined}
                onChange={(e) => setAmount(e.target.value)}
              />
            </div>
            <div className="field">
              {label(t('steps.timeUnit', { n }), 'unit')}
              <select
                id={`${id}-unit`}
                className="select"
                value={unit}
                onChange={(e) => setUnit(e.target.value as TimeUnit)}
              >
                {UNITS.map((u) => (
                  <option key={u} value={u}>
                    {t(`steps.units.${u}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
        {what === 'actor' && (
          <div className="sg-inline">
            <div className="field">
              {label(t('steps.actor'), 'actor')}
              <select
                id={`${id}-actor`}
                className="select"
                data-testid="suggest-actor"
                value={actorId}
                onChange={(e) => setActorId(e.target.value)}
              >
                <option value="">{t('steps.noActor')}</option>
                {actors.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              {label(t('steps.kind'), 'kind')}
              <select
                id={`${id}-kind`}
                className="select"
                value={kind}
                onChange={(e) => setKind(e.target.value as StepKind)}
              >
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`steps.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
        {what === 'insert' && (
          <>
            <div className="field">
              {label(t('steps.activity'), 'new-activity')}
              <textarea
                id={`${id}-new-activity`}
                className="textarea"
                rows={2}
                maxLength={20_000}
                data-testid="suggest-insert-activity"
                value={fresh.activity}
                onChange={(e) => setFresh((f) => ({ ...f, activity: e.target.value }))}
              />
            </div>
            <div className="sg-inline">
              <div className="field">
                {label(t('steps.actor'), 'new-actor')}
                <select
                  id={`${id}-new-actor`}
                  className="select"
                  data-testid="suggest-insert-actor"
                  value={freshActor}
                  onChange={(e) => setFreshActor(e.target.value)}
                >
                  <option value="">{t('steps.noActor')}</option>
                  {actors.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                {label(t('steps.kind'), 'new-kind')}
                <select
                  id={`${id}-new-kind`}
                  className="select"
                  value={freshKind}
                  onChange={(e) => setFreshKind(e.target.value as StepKind)}
                >
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`steps.kinds.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            {(['requirements', 'output', 'notes'] as const).map((f) => (
              <div className="field" key={f}>
                {label(t(`steps.${f}`), `new-${f}`)}
                <input
                  id={`${id}-new-${f}`}
                  className="input"
                  maxLength={20_000}
                  value={fresh[f]}
                  onChange={(e) => setFresh((x) => ({ ...x, [f]: e.target.value }))}
                />
              </div>
            ))}
          </>
        )}
        {what === 'move' && (
          <div className="field">
            {label(ts('form.moveAfter'), 'after')}
            <select
              id={`${id}-after`}
              className="select"
              data-testid="suggest-move-after"
              value={after}
              onChange={(e) => setAfter(e.target.value)}
            >
              <option value="">{ts('form.moveStart')}</option>
              {ids.map((sid, i) =>
                sid === stepId ? null : (
                  <option key={sid} value={sid}>
                    {t('steps.stepLabel', { n: i + 1 })}
                  </option>
                ),
              )}
            </select>
          </div>
        )}
        {what === 'delete' && <p className="sg-line">{ts('form.deleteConfirm', { n })}</p>}
        <div className="field">
          {label(ts('form.comment'), 'comment')}
          <textarea
            id={`${id}-comment`}
            className="textarea"
            rows={2}
            maxLength={4000}
            placeholder={ts('form.commentPlaceholder')}
            data-testid="suggest-comment"
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {ts('form.cancel')}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={!change || sending}
            data-testid="suggest-submit"
          >
            {ts('form.submit')}
          </button>
        </div>
      </form>
    </DialogShell>
  );
}

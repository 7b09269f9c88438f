import {
  SUGGESTION_STEP_FIELDS,
  type SuggestionChange,
  type SuggestionStepField,
} from '@shared/discussion/index';
import type { StepKind, TimeUnit } from '@shared/model/types';
import { PencilLine } from 'lucide-react';
import { type FormEvent, memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogShell } from '../components/DialogShell';
import { Field, SelectField } from '../components/Field';
import { useActors, useStep, useStepIds } from '../editor/model/hooks';
import { useSuggestionsT } from './i18n';
import { SuggestFormEnd, SuggestPreview } from './SuggestFormParts';
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
  // Outside suggesting (nearly always) each of the rows pays for one context read, not for
  // the form's catalogues and state: three translation hooks a row were ~30 ms of a
  // 300-step table's first render.
  return useSuggestions()?.suggesting ? <ActiveSuggestStepButton stepId={stepId} n={n} /> : null;
});

function ActiveSuggestStepButton({ stepId, n }: { stepId: string; n: number }) {
  const { t: ts } = useSuggestionsT();
  const [open, setOpen] = useState(false);
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
}

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

  const kinds = KINDS.map((k) => [k, t(`steps.kinds.${k}`)] as const);
  const actorOptions: ReadonlyArray<readonly [string, string]> = [
    ['', t('steps.noActor')],
    ...actors.map((a) => [a.id, a.name] as const),
  ];
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
        <SelectField
          label={ts('form.what')}
          testId="suggest-what"
          value={what}
          onChange={setWhat}
          options={WHATS.map((w) => [w, ts(`form.whatOptions.${w}`)] as const)}
        />
        {what === 'wording' && (
          <>
            <SelectField
              label={ts('form.field')}
              testId="suggest-field"
              value={field}
              onChange={setField}
              options={SUGGESTION_STEP_FIELDS.map((f) => [f, t(`steps.${f}`)] as const)}
            />
            <Field label={ts('form.text')}>
              {(p) => (
                <textarea
                  {...p}
                  className="textarea"
                  rows={3}
                  maxLength={20_000}
                  data-testid="suggest-text"
                  value={text}
                  onChange={(e) => setTexts((m) => ({ ...m, [field]: e.target.value }))}
                />
              )}
            </Field>
            <SuggestPreview from={current} to={text} changed={!!change} />
          </>
        )}
        {what === 'time' && (
          <div className="sg-inline">
            <Field label={t('steps.time')}>
              {(p) => (
                <input
                  {...p}
                  className="input"
                  inputMode="decimal"
                  value={amount}
                  aria-invalid={amountOf(amount) === undefined || undefined}
                  onChange={(e) => setAmount(e.target.value)}
                />
              )}
            </Field>
            <SelectField
              label={t('steps.timeUnit', { n })}
              value={unit}
              onChange={setUnit}
              options={UNITS.map((u) => [u, t(`steps.units.${u}`)] as const)}
            />
          </div>
        )}
        {what === 'actor' && (
          <div className="sg-inline">
            <SelectField
              label={t('steps.actor')}
              testId="suggest-actor"
              value={actorId}
              onChange={setActorId}
              options={actorOptions}
            />
            <SelectField label={t('steps.kind')} value={kind} onChange={setKind} options={kinds} />
          </div>
        )}
        {what === 'insert' && (
          <>
            <Field label={t('steps.activity')}>
              {(p) => (
                <textarea
                  {...p}
                  className="textarea"
                  rows={2}
                  maxLength={20_000}
                  data-testid="suggest-insert-activity"
                  value={fresh.activity}
                  onChange={(e) => setFresh((f) => ({ ...f, activity: e.target.value }))}
                />
              )}
            </Field>
            <div className="sg-inline">
              <SelectField
                label={t('steps.actor')}
                testId="suggest-insert-actor"
                value={freshActor}
                onChange={setFreshActor}
                options={actorOptions}
              />
              <SelectField
                label={t('steps.kind')}
                value={freshKind}
                onChange={setFreshKind}
                options={kinds}
              />
            </div>
            {(['requirements', 'output', 'notes'] as const).map((f) => (
              <Field key={f} label={t(`steps.${f}`)}>
                {(p) => (
                  <input
                    {...p}
                    className="input"
                    maxLength={20_000}
                    value={fresh[f]}
                    onChange={(e) => setFresh((x) => ({ ...x, [f]: e.target.value }))}
                  />
                )}
              </Field>
            ))}
          </>
        )}
        {what === 'move' && (
          <SelectField
            label={ts('form.moveAfter')}
            testId="suggest-move-after"
            value={after}
            onChange={setAfter}
            options={[
              ['', ts('form.moveStart')] as const,
              ...ids.flatMap((sid, i) =>
                sid === stepId ? [] : [[sid, t('steps.stepLabel', { n: i + 1 })] as const],
              ),
            ]}
          />
        )}
        {what === 'delete' && <p className="sg-line">{ts('form.deleteConfirm', { n })}</p>}
        <SuggestFormEnd
          comment={comment}
          onComment={setComment}
          onCancel={onClose}
          canSubmit={!!change && !sending}
        />
      </form>
    </DialogShell>
  );
}

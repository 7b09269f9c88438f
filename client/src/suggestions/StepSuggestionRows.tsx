import type { Suggestion, SuggestionChange } from '@shared/discussion/index';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSop } from '../editor/model/hooks';
import { useActorList } from './contentHooks';
import { useSuggestionsT } from './i18n';
import { SuggestionCard } from './SuggestionCard';
import { useOpenIndex } from './SuggestionsContext';
import './suggestions.css';

/** A row spanning the table under a step: the suggestions shown there. */
function CardsRow({ list, stepId }: { list: readonly Suggestion[]; stepId: string | null }) {
  return (
    <tr className="sg-row" data-for-step={stepId ?? ''}>
      <td className="sg-row-cell">
        {list.map((s) => (
          <SuggestionCard key={s.id} suggestion={s} />
        ))}
      </td>
    </tr>
  );
}

type Insert = Suggestion & { change: Extract<SuggestionChange, { kind: 'insertStep' }> };

/** A proposed step drawn as a faint row where it would go, with its suggestion below. */
const GhostRow = memo(function GhostRow({ s }: { s: Insert }) {
  const { t } = useTranslation();
  const { t: ts } = useSuggestionsT();
  const actors = useActorList(useSop());
  const step = s.change.step;
  const actor = step.actorId ? actors.find((a) => a.id === step.actorId)?.name : null;
  const time =
    step.time.amount === null
      ? ''
      : `${String(step.time.amount).replace('.', ',')} ${t(`steps.units.${step.time.unit}`)}`;
  const cell = (field: string, value: string, label?: string) => (
    <td className={`cell cell-${field}`} data-label={label}>
      <div className="sg-ghost-text">{value}</div>
    </td>
  );
  return (
    <>
      <tr
        className={`step-row sg-ghost kind-${step.kind}`}
        data-testid="ghost-row"
        data-suggestion-id={s.id}
        aria-label={ts('kind.insertStep')}
      >
        <td className="cell cell-handle" />
        <td className="cell cell-no">
          <span className="step-no sg-ghost-no" title={ts('card.ghost')}>
            +
          </span>
        </td>
        {cell('activity', step.activity)}
        {cell('actor', actor ?? t('steps.noActor'), t('steps.actor'))}
        {cell('kind', t(`steps.kinds.${step.kind}`), t('steps.kind'))}
        {cell('requirements', step.requirements, t('steps.requirements'))}
        {cell('time', time, t('steps.time'))}
        {cell('output', step.output, t('steps.output'))}
        {cell('notes', step.notes, t('steps.notes'))}
        <td className="cell cell-actions" />
      </tr>
      <tr className="sg-row sg-row-ghost" data-for-suggestion={s.id}>
        <td className="sg-row-cell">
          <SuggestionCard suggestion={s} compact />
        </td>
      </tr>
    </>
  );
});

/**
 * What suggestions put under one step row of the procedure table (`stepId`; null =
 * before the first row): the suggestions on that step, then ghost rows for steps
 * proposed after it. Nothing at all when there are none.
 */
export function StepSuggestionRows({ stepId }: { stepId: string | null }) {
  const index = useOpenIndex();
  if (!index) return null;
  const on = stepId ? index.onStep.get(stepId) : undefined;
  const inserts = index.insertsAfter.get(stepId ?? '') as readonly Insert[] | undefined;
  if (!on?.length && !inserts?.length) return null;
  return (
    <>
      {on?.length ? <CardsRow list={on} stepId={stepId} /> : null}
      {inserts?.map((s) => (
        <GhostRow key={s.id} s={s} />
      ))}
    </>
  );
}

import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { GripVertical, Trash2 } from 'lucide-react';
import { type CSSProperties, type FocusEvent, type KeyboardEvent, memo, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { Actor, StepKind } from '../../../../shared/model/types';
import { ConnectedCommentButton } from '../../discussion/CommentsContext';
import { StepVerdicts } from '../../review';
import { useSop, useStep } from '../model/hooks';
import { useStepProblems } from '../model/problemsStore';
import { usePeersOnStep, usePresenceStore } from '../presence/usePresence';
import { useEditLocked } from '../review/editLock';
import { SelectionContext, useIsSelected } from '../selection';
import { DecisionTargets, ProblemBadge, StepTextCell, type TargetOption, TimeCell } from './cells';
import { TableActionsContext } from './tableActions';

const KINDS: StepKind[] = ['process', 'decision', 'terminator'];

/**
 * Render counter read by the editor benchmark ("rows rendered per keystroke"
 * is a figure that does not depend on how busy the machine is).
 */
function countRowRender(): void {
  const w = window as unknown as { __susunPerf?: { rowRenders: number } };
  w.__susunPerf ??= { rowRenders: 0 };
  w.__susunPerf.rowRenders++;
}

interface StepRowProps {
  id: string;
  index: number;
  actors: Actor[];
  /** Only for decision rows: the steps a Ya/Tidak exit may point at. */
  targetOptions?: readonly TargetOption[] | undefined;
}

/**
 * One procedure row. Memoized and subscribed to its own step only, so typing
 * in a cell re-renders this row and nothing else; text cells are uncontrolled
 * inputs bound to the step's Y.Text (no React work per keystroke at all).
 */
export const StepRow = memo(function StepRow({ id, index, actors, targetOptions }: StepRowProps) {
  const { t } = useTranslation();
  const sop = useSop();
  const step = useStep(id);
  const selected = useIsSelected(id);
  const selection = useContext(SelectionContext);
  const actions = useContext(TableActionsContext);
  const presence = usePresenceStore();
  const peers = usePeersOnStep(id);
  const problems = useStepProblems(id);
  const locked = useEditLocked(); // review: approved SOPs are read-only
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
  } = useSortable({ id, disabled: locked });

  if (!step) return null;
  countRowRender();
  const n = index + 1;
  const peer = peers[0];
  const peerFields = new Map(peers.map((p) => [p.focus?.field ?? '', p.color]));
  const style: CSSProperties & Record<string, string | undefined> = {
    transform: CSS.Translate.toString(transform),
    transition,
    '--peer-color': peer?.color,
  };

  function onFocus(e: FocusEvent<HTMLDivElement>) {
    selection.set(id);
    const field = (e.target as HTMLElement).dataset.field ?? null;
    presence?.setFocus({ stepId: id, field });
  }
  function onBlur(e: FocusEvent<HTMLDivElement>) {
    if (!e.relatedTarget) presence?.setFocus(null);
  }
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (locked || !e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    actions.moveByKeyboard(id, e.key === 'ArrowUp' ? -1 : 1, e.target as HTMLElement);
  }
  const cellClass = (field: string) => (peerFields.has(field) ? 'cell cell-peer' : 'cell');
  const cellStyle = (field: string) =>
    peerFields.has(field)
      ? ({ '--peer-color': peerFields.get(field) } as CSSProperties)
      : undefined;

  return (
    <tr
      ref={setNodeRef}
      style={style}
      className={`step-row kind-${step.kind}${selected ? ' is-selected' : ''}${peer ? ' has-peer' : ''}${isDragging ? ' is-dragging' : ''}`}
      data-testid="step-row"
      data-step-id={id}
      onFocus={onFocus}
      onBlur={onBlur}
      onKeyDown={onKeyDown}
    >
      <td className="cell cell-handle">
        <button
          type="button"
          ref={setActivatorNodeRef}
          className="drag-handle"
          disabled={locked}
          aria-label={t('steps.dragHandle', { n })}
          {...attributes}
          {...listeners}
        >
          <GripVertical aria-hidden />
        </button>
      </td>
      <td className="cell cell-no">
        <span className="step-no">{n}</span>
        {problems.length > 0 && <ProblemBadge problems={problems} />}
        {peer && (
          <span
            className="peer-tag peer-tag-row"
            title={t('presence.editing', { name: peer.name })}
          >
            {peer.name}
          </span>
        )}
      </td>
      <td className={cellClass('activity')} style={cellStyle('activity')}>
        <StepTextCell stepId={id} field="activity" n={n} testId="step-activity" />
        {step.kind === 'decision' && (
          <DecisionTargets step={step} n={n} options={targetOptions ?? []} />
        )}
      </td>
      <td className={cellClass('actor')} style={cellStyle('actor')}>
        <select
          className="select cell-select"
          data-testid="step-actor"
          data-field="actor"
          aria-label={t('steps.cellLabel', { field: t('steps.actor'), n })}
          value={step.actorId ?? ''}
          disabled={locked}
          onChange={(e) => sop.steps.setActor(id, e.target.value || null)}
        >
          <option value="">{t('steps.noActor')}</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </td>
      <td className={cellClass('kind')} style={cellStyle('kind')}>
        <select
          className="select cell-select"
          data-testid="step-kind"
          data-field="kind"
          aria-label={t('steps.cellLabel', { field: t('steps.kind'), n })}
          value={step.kind}
          disabled={locked}
          onChange={(e) => sop.steps.setKind(id, e.target.value as StepKind)}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`steps.kinds.${k}`)}
            </option>
          ))}
        </select>
      </td>
      <td className={cellClass('requirements')} style={cellStyle('requirements')}>
        <StepTextCell stepId={id} field="requirements" n={n} />
      </td>
      <td className={cellClass('time')} style={cellStyle('time')}>
        <TimeCell stepId={id} time={step.time} n={n} />
      </td>
      <td className={cellClass('output')} style={cellStyle('output')}>
        <StepTextCell stepId={id} field="output" n={n} />
      </td>
      <td className={cellClass('notes')} style={cellStyle('notes')}>
        <StepTextCell stepId={id} field="notes" n={n} />
      </td>
      <td className="cell cell-actions">
        <StepVerdicts stepId={id} n={n} />
        <ConnectedCommentButton anchor={{ kind: 'step', stepId: id }} />
        {/* A plain button (title, not a Radix tooltip): 300 rows of tooltip roots cost first render. */}
        <button
          type="button"
          className="btn btn-ghost btn-icon btn-sm"
          aria-label={t('steps.delete', { n })}
          title={t('steps.delete', { n })}
          data-testid="step-delete"
          disabled={locked}
          onClick={() => actions.deleteStep(id)}
        >
          <Trash2 aria-hidden />
        </button>
      </td>
    </tr>
  );
});

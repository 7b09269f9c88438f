import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { Actor, StepKind } from '@shared/model/types';
import { GripVertical, Trash2 } from 'lucide-react';
import { type CSSProperties, type FocusEvent, type KeyboardEvent, memo, useContext } from 'react';
import { ConnectedCommentButton } from '../../discussion/CommentsContext';
import { StepVerdicts } from '../../review';
import { useEditLocked } from '../../review/editLock';
import { SuggestStepButton } from '../../suggestions/SuggestStepDialog';
import { useSop, useStepFields } from '../model/hooks';
import { useStepProblems } from '../model/problemsStore';
import { usePeersOnStep, usePresenceStore } from '../presence/usePresence';
import { SelectionContext, useIsSelected } from '../selection';
import {
  ChipSelect,
  DecisionTargets,
  ProblemBadge,
  StepTextCell,
  type TargetOption,
  TimeCell,
} from './cells';
import { RowMark } from './rowMarks';
import { TableActionsContext } from './tableActions';

const KINDS: StepKind[] = ['process', 'decision', 'terminator'];
// Made once: a row re-render then leaves the icons' own trees alone.
const GRIP_ICON = <GripVertical aria-hidden />;
const TRASH_ICON = <Trash2 aria-hidden />;

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
  const sop = useSop();
  // Not the texts: typing in a cell does not re-render the row (the cells are bound to Y.Text).
  const step = useStepFields(id);
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
  const cellStyle = (field: string) =>
    peerFields.has(field)
      ? ({ '--peer-color': peerFields.get(field) } as CSSProperties)
      : undefined;
  // Who is editing here: a name tag on the edge of the cell they are in (the
  // first peer's; Kegiatan when their field is unknown), never cut to "Follo…".
  const focusField = peer?.focus?.field;
  const tagField = !peer
    ? null
    : !focusField || focusField === 'yes' || focusField === 'no'
      ? 'activity'
      : focusField;
  // A cell the peer edits gets their colour; the one with their name tag anchors it.
  const cellClass = (field: string) =>
    `cell cell-${field}${peerFields.has(field) ? ' cell-peer' : ''}${tagField === field ? ' cell-tagged' : ''}`;
  const { labels } = actions;
  const peerTag = (field: string) =>
    peer && tagField === field ? (
      <span className="peer-tag cell-peer-tag" title={labels.editing(peer.name)}>
        {peer.name}
      </span>
    ) : null;
  const actorName = actors.find((a) => a.id === step.actorId)?.name ?? labels.noActor;

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
          aria-label={labels.dragHandle(n)}
          {...attributes}
          {...listeners}
        >
          {GRIP_ICON}
        </button>
      </td>
      <td className="cell cell-no">
        <span className="step-no">{n}</span>
        {/* compare mode (issue 16): added / moved / changed marker */}
        <RowMark id={id} />
        {problems.length > 0 && <ProblemBadge problems={problems} />}
      </td>
      <td className={cellClass('activity')} style={cellStyle('activity')}>
        {peerTag('activity')}
        <StepTextCell stepId={id} field="activity" n={n} testId="step-activity" />
        {step.kind === 'decision' && (
          <DecisionTargets step={step} n={n} options={targetOptions ?? []} />
        )}
      </td>
      <td className={cellClass('actor')} style={cellStyle('actor')} data-label={labels.actor}>
        {peerTag('actor')}
        <ChipSelect
          className={step.actorId ? 'actor-chip-select' : 'actor-chip-select is-empty'}
          shown={actorName}
          data-testid="step-actor"
          data-field="actor"
          aria-label={labels.cell(labels.actor, n)}
          value={step.actorId ?? ''}
          disabled={locked}
          onChange={(e) => sop.steps.setActor(id, e.target.value || null)}
        >
          <option value="">{labels.noActor}</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </ChipSelect>
      </td>
      <td className={cellClass('kind')} style={cellStyle('kind')} data-label={labels.kind}>
        {peerTag('kind')}
        <ChipSelect
          className={`kind-chip-select kind-${step.kind}`}
          shown={labels.kinds[step.kind]}
          data-testid="step-kind"
          data-field="kind"
          aria-label={labels.cell(labels.kind, n)}
          value={step.kind}
          disabled={locked}
          onChange={(e) => sop.steps.setKind(id, e.target.value as StepKind)}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {labels.kinds[k].replace('\u200b', '')}
            </option>
          ))}
        </ChipSelect>
      </td>
      <td
        className={cellClass('requirements')}
        style={cellStyle('requirements')}
        data-label={labels.requirements}
      >
        {peerTag('requirements')}
        <StepTextCell stepId={id} field="requirements" n={n} />
      </td>
      <td className={cellClass('time')} style={cellStyle('time')} data-label={labels.time}>
        {peerTag('time')}
        <TimeCell stepId={id} time={step.time} n={n} />
      </td>
      <td className={cellClass('output')} style={cellStyle('output')} data-label={labels.output}>
        {peerTag('output')}
        <StepTextCell stepId={id} field="output" n={n} />
      </td>
      <td className={cellClass('notes')} style={cellStyle('notes')} data-label={labels.notes}>
        {peerTag('notes')}
        <StepTextCell stepId={id} field="notes" n={n} />
      </td>
      <td className="cell cell-actions">
        <StepVerdicts stepId={id} n={n} />
        <ConnectedCommentButton anchor={{ kind: 'step', stepId: id }} />
        {/* suggestion mode (issue 16): propose a change to this step */}
        <SuggestStepButton stepId={id} n={n} />
        {/* A plain button (title, not a Radix tooltip): 300 rows of tooltip roots cost first render. */}
        <button
          type="button"
          className="btn btn-ghost btn-icon btn-sm"
          aria-label={labels.deleteStep(n)}
          title={labels.deleteStep(n)}
          data-testid="step-delete"
          disabled={locked}
          onClick={() => actions.deleteStep(id)}
        >
          {TRASH_ICON}
        </button>
      </td>
    </tr>
  );
});

import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import type { SopSnapshot } from '@shared/model/types';
import { ListOrdered, Plus } from 'lucide-react';
import { startTransition, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Toast } from '../../components/Toast';
import { useEditLocked } from '../../review/editLock';
import { StepSuggestionRows } from '../../suggestions/StepSuggestionRows';
import { useActors, useSop, useStepIds } from '../model/hooks';
import { SelectionContext } from '../selection';
import type { TargetOption } from './cells';
import { focusStep } from './focusStep';
import { rowLabels } from './rowLabels';
import { RowWithMarks } from './rowMarks';
import { StepRow } from './StepRow';
import { TotalTime } from './TotalTime';
import { type TableActions, TableActionsContext } from './tableActions';

/** Column headers between the drag handle and the actions: catalogue key, cell class. */
const HEADER_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['steps.no', 'cell cell-no'],
  ['steps.activity', 'cell cell-activity'],
  ['steps.actor', 'cell cell-actor'],
  ['steps.kind', 'cell cell-kind'],
  ['steps.requirements', 'cell cell-requirements mutu'],
  ['steps.time', 'cell cell-time mutu'],
  ['steps.output', 'cell cell-output mutu'],
  ['steps.notes', 'cell cell-notes'],
];

/**
 * Drag sensors' options, made once: new option objects on every render would give
 * dnd-kit new activators, hence new listeners for every sortable row, and so
 * re-render all rows whenever the table re-renders (e.g. each settled edit).
 */
const POINTER_OPTIONS = { activationConstraint: { distance: 5 } };
const KEYBOARD_OPTIONS = { coordinateGetter: sortableKeyboardCoordinates };

/** Rows of the first render: a screenful (rows are at least 3.4rem high). The rest follow in chunks. */
const FIRST_ROWS = 20;
const CHUNK_ROWS = 50;

/**
 * How many rows to render: all of a short procedure at once; of a long one, the
 * first screenful at once (editable at once) and the rest in chunks rendered as
 * transitions, which React interleaves with the user's input. Once complete, it
 * stays complete (rows added later render at once).
 */
function useRowLimit(total: number): number {
  const [limit, setLimit] = useState(() =>
    total <= FIRST_ROWS ? Number.POSITIVE_INFINITY : FIRST_ROWS,
  );
  useEffect(() => {
    if (limit === Number.POSITIVE_INFINITY) performance.mark('susun:table-complete');
  }, [limit]);
  useEffect(() => {
    if (limit >= total) return;
    startTransition(() =>
      setLimit((l) => (l + CHUNK_ROWS >= total ? Number.POSITIVE_INFINITY : l + CHUNK_ROWS)),
    );
  }, [limit, total]);
  return limit;
}

/**
 * Procedure table: one row per step (No, Kegiatan, Pelaksana, kind, Mutu Baku,
 * Keterangan). Subscribes to the step order only; each row to its own step.
 */
export function ProcedureTable({ snapshot }: { snapshot: SopSnapshot }) {
  const { t } = useTranslation();
  const sop = useSop();
  const ids = useStepIds();
  const actors = useActors();
  const locked = useEditLocked();
  const selection = useContext(SelectionContext);
  const [notice, setNotice] = useState<string | null>(null);
  const rowLimit = useRowLimit(ids.length);
  const shownIds = rowLimit < ids.length ? ids.slice(0, rowLimit) : ids;

  // Labels of possible decision targets, from the (debounced) snapshot: only
  // decision rows receive them, so other rows are unaffected when they change.
  const targetOptions = useMemo<TargetOption[]>(
    () =>
      snapshot.steps.map((s, i) => ({
        id: s.id,
        label: `${i + 1}. ${s.activity.length > 40 ? `${s.activity.slice(0, 40)}…` : s.activity}`,
      })),
    [snapshot.steps],
  );
  const kinds = useMemo(() => new Map(snapshot.steps.map((s) => [s.id, s.kind])), [snapshot.steps]);

  const addStep = useCallback(() => {
    const sel = selection.get();
    const newId =
      sel && sop.steps.get(sel)
        ? sop.steps.insertAfter(sel, { kind: 'process' })
        : sop.steps.insertBefore(null, { kind: 'process' });
    selection.set(newId);
    requestAnimationFrame(() => focusStep(newId));
  }, [sop, selection]);

  const actions = useMemo<TableActions>(
    () => ({
      labels: rowLabels(t),
      deleteStep(id) {
        const order = sop.steps.ids();
        const i = order.indexOf(id);
        const { clearedBranches } = sop.steps.delete(id);
        if (clearedBranches.length > 0) setNotice(t('steps.deletedBranches'));
        if (selection.get() === id) selection.set(null);
        const next = order[i + 1] ?? order[i - 1];
        if (next) requestAnimationFrame(() => focusStep(next));
      },
      moveByKeyboard(id, dir, focusEl) {
        const order = sop.steps.ids();
        const i = order.indexOf(id);
        const neighbour = order[i + dir];
        if (!neighbour) return;
        sop.steps.move(id, dir < 0 ? { before: neighbour } : { after: neighbour });
        // React may move this row's DOM node, which drops focus: put it back.
        requestAnimationFrame(() => {
          if (document.activeElement !== focusEl) focusEl.focus();
          focusEl.scrollIntoView({ block: 'nearest' });
        });
      },
    }),
    [sop, selection, t],
  );

  const sensors = useSensors(
    useSensor(PointerSensor, POINTER_OPTIONS),
    useSensor(KeyboardSensor, KEYBOARD_OPTIONS),
  );

  const onDragEnd = useCallback(
    (e: DragEndEvent) => {
      const { active, over } = e;
      if (!over || active.id === over.id) return;
      const order = sop.steps.ids();
      const from = order.indexOf(String(active.id));
      const to = order.indexOf(String(over.id));
      if (from < 0 || to < 0) return;
      sop.steps.move(
        String(active.id),
        from < to ? { after: String(over.id) } : { before: String(over.id) },
      );
    },
    [sop],
  );

  useEffect(() => {
    performance.mark('susun:table-mounted');
  }, []);
  const closeNotice = useCallback(() => setNotice(null), []);
  // Stable DnD props: a new object here would re-render every sortable row.
  const accessibility = useMemo(() => {
    const numberOf = (id: string | number) => sop.steps.ids().indexOf(String(id)) + 1;
    return {
      announcements: {
        onDragStart: ({ active }: { active: { id: string | number } }) =>
          t('steps.dndStart', { n: numberOf(active.id) }),
        onDragOver: ({
          active,
          over,
        }: {
          active: { id: string | number };
          over: { id: string | number } | null;
        }) =>
          over ? t('steps.dndOver', { n: numberOf(active.id), pos: numberOf(over.id) }) : undefined,
        onDragEnd: ({
          active,
          over,
        }: {
          active: { id: string | number };
          over: { id: string | number } | null;
        }) =>
          over
            ? t('steps.dndEnd', { n: numberOf(active.id), pos: numberOf(over.id) })
            : t('steps.dndCancel'),
        onDragCancel: () => t('steps.dndCancel'),
      },
    };
  }, [sop, t]);

  return (
    <section
      id="procedure"
      className="editor-section card procedure"
      aria-labelledby="procedure-title"
    >
      <div className="section-head">
        <h2 id="procedure-title" className="section-title">
          <ListOrdered aria-hidden />
          {t('steps.title')}
        </h2>
        <TotalTime snapshot={snapshot} />
      </div>
      <TableActionsContext.Provider value={actions}>
        <div className="step-table-scroll">
          <table className="step-table" aria-labelledby="procedure-title">
            <thead>
              <tr className="step-head">
                <th scope="col" className="cell cell-handle">
                  <span className="visually-hidden">{t('steps.actions')}</span>
                </th>
                {HEADER_COLUMNS.map(([key, className]) => (
                  <th key={key} scope="col" className={className}>
                    {t(key)}
                  </th>
                ))}
                <th scope="col" className="cell cell-actions">
                  <span className="visually-hidden">{t('steps.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <DndContext
                sensors={sensors}
                collisionDetection={closestCenter}
                onDragEnd={onDragEnd}
                accessibility={accessibility}
              >
                <SortableContext items={ids as string[]} strategy={verticalListSortingStrategy}>
                  {/* suggestion mode (issue 16): steps proposed at the start */}
                  <StepSuggestionRows stepId={null} />
                  {shownIds.map((id, i) => (
                    // (compare mode, issue 16: removed steps and word diffs around the row)
                    <RowWithMarks key={id} id={id}>
                      <StepRow
                        id={id}
                        index={i}
                        actors={actors}
                        targetOptions={kinds.get(id) === 'decision' ? targetOptions : undefined}
                      />
                      {/* suggestion mode (issue 16): suggestions on the step, proposed steps after it */}
                      <StepSuggestionRows stepId={id} />
                    </RowWithMarks>
                  ))}
                </SortableContext>
              </DndContext>
            </tbody>
          </table>
        </div>
      </TableActionsContext.Provider>
      {ids.length === 0 && <p className="empty-state">{t('steps.empty')}</p>}
      <div className="table-foot">
        <button
          type="button"
          className="btn btn-primary"
          onClick={addStep}
          disabled={locked}
          data-testid="add-step"
          title={t('steps.addHint')}
        >
          <Plus aria-hidden />
          {t('steps.add')}
        </button>
        <span className="muted">{t('steps.addHint')}</span>
      </div>
      {notice && <Toast message={notice} onClose={closeNotice} />}
    </section>
  );
}

import { createContext, type ReactNode, useContext } from 'react';
import type { CompareModel } from '../../history/compareModel';
import { FieldChanges, GhostCells, MarkBadge, sideNames } from '../../history/DiffCells';

/**
 * Compare marks on the live procedure table (issue 16): while the editor compares a
 * version with now, each step row learns from this context whether it was added,
 * moved or changed (`data-change` on its `diff-step` marker), which removed steps stand
 * before it as struck-through ghost rows, and the word-level diff of its changed fields.
 * Null (the default) outside compare mode: rows render exactly as without it.
 */
export interface RowMarks {
  model: CompareModel;
  /** The step the list of changes is on (highlighted). */
  focused: string | null;
}

export const RowMarksContext = createContext<RowMarks | null>(null);

export function useRowMarks(): RowMarks | null {
  return useContext(RowMarksContext);
}

/** The step's marker in its No cell (nothing when it did not change). */
export function RowMark({ id }: { id: string }) {
  const marks = useRowMarks();
  const m = marks?.model.marks.get(id);
  if (!marks || !m) return null;
  return (
    <MarkBadge
      stepId={id}
      mark={m.mark}
      moved={m.moved}
      focused={marks.focused === id}
      wasNo={marks.model.fromNo.get(id)}
    />
  );
}

/** Removed steps shown before (or, after the last row, after) this row. */
export function RowGhosts({ id, where }: { id: string; where: 'before' | 'after' }) {
  const marks = useRowMarks();
  if (!marks) return null;
  const { model } = marks;
  const ghosts = (where === 'before' ? model.ghostsBefore : model.ghostsAfter).get(id);
  if (!ghosts?.length) return null;
  const names = sideNames(model).from;
  return (
    <>
      {ghosts.map((s) => (
        <tr
          key={`ghost-${s.id}`}
          className={`step-row diff-ghost${marks.focused === s.id ? ' is-diff-focused' : ''}`}
          data-ghost-step-id={s.id}
        >
          <GhostCells step={s} no={model.fromNo.get(s.id)} names={names} />
        </tr>
      ))}
    </>
  );
}

/** Under a changed row: each changed field with its word-level diff. */
export function RowDetail({ id }: { id: string }) {
  const marks = useRowMarks();
  const change = marks?.model.changes.get(id);
  if (!marks || !change) return null;
  const { model } = marks;
  const before = model.from.steps.find((s) => s.id === id);
  const after = model.to.steps.find((s) => s.id === id);
  if (!before || !after) return null;
  return (
    <tr className="diff-detail" data-detail-step-id={id}>
      <td colSpan={10} className="diff-detail-cell">
        <FieldChanges
          fields={change.changes}
          before={before}
          after={after}
          names={sideNames(model)}
        />
      </td>
    </tr>
  );
}

/** A step row with, in compare mode, its ghost rows and its diff detail around it. */
export function RowWithMarks({ id, children }: { id: string; children: ReactNode }) {
  const marks = useRowMarks();
  if (!marks) return children;
  return (
    <>
      <RowGhosts id={id} where="before" />
      {children}
      <RowDetail id={id} />
      <RowGhosts id={id} where="after" />
    </>
  );
}

import type { StepKind } from '@shared/model/types';
import { createContext } from 'react';

/** Words every row shows (translated once per table, not once per row). */
export interface RowLabels {
  actor: string;
  kind: string;
  requirements: string;
  time: string;
  output: string;
  notes: string;
  noActor: string;
  kinds: Record<StepKind, string>;
}

/** Table-level operations rows call (kept in context so rows stay memoized). */
export interface TableActions {
  labels: RowLabels;
  deleteStep(id: string): void;
  /** Alt+ArrowUp/Down: move the row one place and keep focus on `focusEl`. */
  moveByKeyboard(id: string, dir: -1 | 1, focusEl: HTMLElement): void;
}

export const TableActionsContext = createContext<TableActions>({
  labels: {
    actor: '',
    kind: '',
    requirements: '',
    time: '',
    output: '',
    notes: '',
    noActor: '',
    kinds: { process: '', decision: '', terminator: '' },
  },
  deleteStep: () => {},
  moveByKeyboard: () => {},
});

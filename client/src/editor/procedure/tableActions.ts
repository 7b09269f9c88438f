import { createContext } from 'react';

/** Table-level operations rows call (kept in context so rows stay memoized). */
export interface TableActions {
  deleteStep(id: string): void;
  /** Alt+ArrowUp/Down: move the row one place and keep focus on `focusEl`. */
  moveByKeyboard(id: string, dir: -1 | 1, focusEl: HTMLElement): void;
}

export const TableActionsContext = createContext<TableActions>({
  deleteStep: () => {},
  moveByKeyboard: () => {},
});

import type { StepKind, TimeUnit } from '@shared/model/types';
import { createContext } from 'react';

/**
 * Words every row shows, translated once per table (and language), not once per
 * row and cell: `t()` in 300 rows was a large share of the first render.
 * Numbered labels are the catalogue string with the number put in.
 */
export interface RowLabels {
  activity: string;
  actor: string;
  kind: string;
  requirements: string;
  time: string;
  output: string;
  notes: string;
  noActor: string;
  kinds: Record<StepKind, string>;
  units: Record<TimeUnit, string>;
  timeRefused: string;
  yes: string;
  noBranch: string;
  yesTarget: string;
  noTarget: string;
  pickTarget: string;
  /** "Kegiatan langkah 3": `field` is one of the column names above. */
  cell(field: string, n: number): string;
  stepLabel(n: number): string;
  dragHandle(n: number): string;
  deleteStep(n: number): string;
  timeAmount(n: number): string;
  timeUnit(n: number): string;
  /** Title of a collaborator's name tag on a cell. */
  editing(name: string): string;
}

/** Table-level operations rows call (kept in context so rows stay memoized). */
export interface TableActions {
  labels: RowLabels;
  deleteStep(id: string): void;
  /** Alt+ArrowUp/Down: move the row one place and keep focus on `focusEl`. */
  moveByKeyboard(id: string, dir: -1 | 1, focusEl: HTMLElement): void;
}

const none = () => '';

export const TableActionsContext = createContext<TableActions>({
  labels: {
    activity: '',
    actor: '',
    kind: '',
    requirements: '',
    time: '',
    output: '',
    notes: '',
    noActor: '',
    kinds: { process: '', decision: '', terminator: '' },
    units: { minute: '', hour: '', day: '', week: '', month: '', year: '' },
    timeRefused: '',
    yes: '',
    noBranch: '',
    yesTarget: '',
    noTarget: '',
    pickTarget: '',
    cell: none,
    stepLabel: none,
    dragHandle: none,
    deleteStep: none,
    timeAmount: none,
    timeUnit: none,
    editing: none,
  },
  deleteStep: () => {},
  moveByKeyboard: () => {},
});

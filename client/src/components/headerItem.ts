import type { ReactNode } from 'react';

/**
 * One item of the header bar that gives way when the bar is narrow: first to a
 * `compact` form (when it has one, at `compactPriority`), then into the "⋯"
 * menu (when it has a `menu` form, at `priority`). Lower priorities give way
 * first. `slot` places it: beside the title (`status`) or with the actions.
 * A test id may appear in both forms: only one of them is ever mounted.
 */
export interface HeaderItem {
  id: string;
  slot: 'status' | 'actions';
  render: (state: 'full' | 'compact') => ReactNode;
  /** Radix `DropdownMenu` items for the "⋯" menu. */
  menu?: ReactNode;
  priority?: number;
  compactPriority?: number;
}

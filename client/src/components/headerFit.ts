/**
 * Which header items give way, and how far, when the bar is too narrow — a pure
 * function of what the header measured after layout, so it is testable without
 * a browser.
 *
 * Each item has steps, taken in priority order across all items: `compact`
 * (a shorter form: an icon without its label, fewer avatars) and `menu` (into
 * the "⋯" menu). `hidden` counts the steps taken: the first `hidden` steps of
 * the priority order.
 */

/** The smallest title width (rem) worth keeping before items give way. */
export const TITLE_MIN_REM = 20;

/** Below this bar width (rem) the header is a phone's: two lines, every step taken. */
export const PHONE_REM = 36;

export type StepKind = 'compact' | 'menu';

/** One way an item gives way; lower `priority` first. */
export interface FitStep {
  item: string;
  kind: StepKind;
  priority: number;
}

/** What the header measured (px unless said otherwise). */
export interface Measure {
  /** Root font size in px (the zoom control scales it). */
  rem: number;
  /** The row's width. */
  rowWidth: number;
  /** The title's box width and its content's full width (larger when cut with "…"). */
  titleWidth: number;
  titleNatural: number;
  /** Free space between the title block and the actions. */
  spacer: number;
  /** How far the row's content overflows it (0 when it fits). */
  overflow: number;
  /** Gap between items, rem. */
  gapRem: number;
}

export type ItemState = 'full' | 'compact' | 'menu';

/** The state of each item once the first `hidden` steps are taken. */
export function itemStates(steps: readonly FitStep[], hidden: number): Map<string, ItemState> {
  const out = new Map<string, ItemState>();
  for (const s of steps.slice(0, hidden)) {
    if (s.kind === 'menu') out.set(s.item, 'menu');
    else if (out.get(s.item) !== 'menu') out.set(s.item, 'compact');
  }
  return out;
}

/** Width (rem) assumed for a form of an item never seen in the bar. */
const UNKNOWN_REM = 3;

/**
 * One move towards the right number of taken steps (`widths`: each item's last
 * measured width in rem per state, keyed `id:state`). Takes one more step while
 * the row overflows or the title is cut below {@link TITLE_MIN_REM} (or below
 * its own length, when shorter); undoes the last one once the free space holds
 * what it gives back. On a phone-width bar every step is taken.
 */
export function pickHidden(
  hidden: number,
  steps: readonly FitStep[],
  widths: ReadonlyMap<string, number>,
  m: Measure,
): number {
  if (m.rowWidth / m.rem < PHONE_REM) return steps.length;
  const minTitle = Math.min(m.titleNatural, TITLE_MIN_REM * m.rem);
  const tight = m.overflow > 1 || m.titleWidth + 1 < minTitle;
  if (tight) return Math.min(hidden + 1, steps.length);
  if (hidden === 0) return 0;
  const last = steps[hidden - 1];
  if (!last) return hidden;
  const before = itemStates(steps, hidden - 1).get(last.item) ?? 'full';
  const width = (state: ItemState) => widths.get(`${last.item}:${state}`) ?? UNKNOWN_REM;
  const after = last.kind === 'menu' ? 0 : width('compact');
  const gives = width(before) - after + (last.kind === 'menu' ? m.gapRem : 0);
  return m.spacer >= gives * m.rem ? hidden - 1 : hidden;
}

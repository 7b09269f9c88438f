/**
 * The flow edges the chart draws. Rule (sop-format §2): a decision has two
 * exits, Ya and Tidak, each pointing at a step; every other step flows to the
 * next in order, except an end terminator (a terminator that is not the first
 * step) which has no exit.
 */

import { flowGraph, minutesPer, totalTime } from '../model/index';
import type { SopSnapshot, StepTime } from '../model/types';
import type { OutputLabels } from './labels';
import type { ExitLabel } from './types';

export interface FlowEdge {
  from: string;
  to: string;
  label?: ExitLabel;
}

/**
 * Edges of the procedure in step order (Ya before Tidak), from the model's
 * `flowGraph`; self-loops are dropped (validate() reports them).
 */
export function flowEdges(snapshot: SopSnapshot): FlowEdge[] {
  return flowGraph(snapshot)
    .edges.filter((e) => e.from !== e.to)
    .map((e) =>
      e.branch ? { from: e.from, to: e.to, label: e.branch } : { from: e.from, to: e.to },
    );
}

/** "30 menit", "" when the amount is not set. */
export function formatTime(time: StepTime, labels: OutputLabels): string {
  if (time.amount === null || !Number.isFinite(time.amount)) return '';
  return `${time.amount} ${labels.units[time.unit]}`;
}

/**
 * Total working time of the SOP from the model's `totalTime` (1 day = 8 working
 * hours, see `minutesPer`), as "2 hari 3 jam 45 menit"; '' when nothing is filled in.
 */
export function formatTotalTime(
  snapshot: SopSnapshot,
  labels: Pick<OutputLabels, 'units'>,
): string {
  const minutes = Math.round(totalTime(snapshot).minutes);
  if (minutes <= 0) return '';
  const day = minutesPer.day;
  const parts: Array<[number, string]> = [
    [Math.floor(minutes / day), labels.units.day],
    [Math.floor((minutes % day) / 60), labels.units.hour],
    [minutes % 60, labels.units.minute],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, u]) => `${n} ${u}`)
    .join(' ');
}

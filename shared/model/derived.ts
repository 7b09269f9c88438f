/** Views computed from a snapshot: total time and the flow graph the flowchart draws. */
import type { SopSnapshot, StepKind, TimeUnit } from './types.js';

/**
 * Working-time conventions used to normalise Waktu to minutes:
 * 1 day = 8 working hours, 1 week = 5 working days, 1 month = 20 working days,
 * 1 year = 12 months (240 working days).
 */
export const minutesPer: Readonly<Record<TimeUnit, number>> = {
  minute: 1,
  hour: 60,
  day: 8 * 60,
  week: 5 * 8 * 60,
  month: 20 * 8 * 60,
  year: 12 * 20 * 8 * 60,
};

export interface TotalTime {
  /** Sum of amounts per unit as entered. */
  perUnit: Record<TimeUnit, number>;
  /** Everything normalised to working minutes (see `minutesPer`). */
  minutes: number;
  /** Ids of steps without a (positive) amount, excluding terminators. */
  missing: string[];
}

/** Sum of all steps' Waktu (both decision branches count; non-positive amounts are ignored). */
export function totalTime(s: SopSnapshot): TotalTime {
  const perUnit: Record<TimeUnit, number> = {
    minute: 0,
    hour: 0,
    day: 0,
    week: 0,
    month: 0,
    year: 0,
  };
  let minutes = 0;
  const missing: string[] = [];
  for (const step of s.steps) {
    const a = step.time.amount;
    if (a === null || !(a > 0)) {
      if (step.kind !== 'terminator') missing.push(step.id);
      continue;
    }
    perUnit[step.time.unit] += a;
    minutes += a * minutesPer[step.time.unit];
  }
  return { perUnit, minutes, missing };
}

export interface FlowNode {
  id: string;
  kind: StepKind;
  actorId: string | null;
  /** 0-based row in procedure order. */
  row: number;
  /** A terminator in row 0 is the start; any other terminator is an end. */
  terminal: 'start' | 'end' | null;
}

export interface FlowEdge {
  from: string;
  to: string;
  branch: 'yes' | 'no' | null;
  /** Label drawn on decision exits. */
  label: 'Ya' | 'Tidak' | null;
}

export interface FlowGraph {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/**
 * Nodes in row order and the arrows between them: every non-decision step
 * flows to the next row except end terminators (and the last row); a decision
 * has a Ya and a Tidak exit to its targets (only targets that exist).
 */
export function flowGraph(s: SopSnapshot): FlowGraph {
  const ids = new Set(s.steps.map((st) => st.id));
  const nodes: FlowNode[] = s.steps.map((st, row) => ({
    id: st.id,
    kind: st.kind,
    actorId: st.actorId,
    row,
    terminal: st.kind !== 'terminator' ? null : row === 0 ? 'start' : 'end',
  }));
  const edges: FlowEdge[] = [];
  s.steps.forEach((st, row) => {
    if (st.kind === 'decision') {
      if (st.yes !== null && ids.has(st.yes))
        edges.push({ from: st.id, to: st.yes, branch: 'yes', label: 'Ya' });
      if (st.no !== null && ids.has(st.no))
        edges.push({ from: st.id, to: st.no, branch: 'no', label: 'Tidak' });
      return;
    }
    if (nodes[row]?.terminal === 'end') return;
    const next = s.steps[row + 1];
    if (next) edges.push({ from: st.id, to: next.id, branch: null, label: null });
  });
  return { nodes, edges };
}

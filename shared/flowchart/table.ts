/**
 * Table part of the procedure layout: column widths, the two-row header and
 * the text cells / heights of each step row. Pure functions of the snapshot.
 */

import type { Step } from '../model/types';
import { formatTime } from './graph';
import type { OutputLabels } from './labels';
import { limitLines, wrapText } from './textMetrics';
import type { Column, ColumnKey, HeaderCell, TextCell } from './types';

/** Typographic constants shared by every renderer. */
export const METRICS = {
  fontSize: 7.5,
  lineHeight: 9.2,
  pad: 3.5,
  headerRow1: 14,
  minRowHeight: 44,
  /** Decision rows: room above and below the diamond for a Ya/Tidak label clear of lines. */
  minDecisionRowHeight: 52,
  stripHeight: 28,
  laneMin: 56,
  laneMax: 110,
} as const;

/**
 * Nominal widths of the text columns, scaled to fill the page width; and the narrowest
 * they get so that many pelaksana still fit across the page (issue 14: 12 lanes).
 */
const TEXT_COLUMNS: Array<{ key: Exclude<ColumnKey, 'lane'>; w: number; min: number }> = [
  { key: 'no', w: 22, min: 22 },
  { key: 'activity', w: 150, min: 86 },
  { key: 'requirements', w: 100, min: 56 },
  { key: 'time', w: 52, min: 34 },
  { key: 'output', w: 90, min: 50 },
  { key: 'notes', w: 80, min: 50 },
];
/** Narrowest lane given up to make room for the text columns' minimum widths. */
const LANE_FLOOR = 34;

/**
 * Column boxes from left to right: No, Kegiatan, lanes…, Kelengkapan, Waktu, Output,
 * Keterangan. Lanes take 56–110 pt each; when that leaves the text columns less than
 * their nominal widths, these shrink towards their minimums, and past that the lanes
 * narrow (to LANE_FLOOR), so a dozen pelaksana fit a landscape page with readable text.
 * Only beyond that (dozens of pelaksana) does the table run past the page.
 */
export function computeColumns(actorIds: string[], left: number, width: number): Column[] {
  const lanes = Math.max(1, actorIds.length);
  const nominal = TEXT_COLUMNS.reduce((a, c) => a + c.w, 0);
  const minimum = TEXT_COLUMNS.reduce((a, c) => a + c.min, 0);
  let lanesTotal = Math.max(
    lanes * METRICS.laneMin,
    Math.min(lanes * METRICS.laneMax, width - nominal),
  );
  if (width - lanesTotal < minimum) lanesTotal = Math.max(lanes * LANE_FLOOR, width - minimum);
  const textW = width - lanesTotal;
  const noW = 22;
  // Between the minimum and nominal widths: interpolate; above: scale up; below: shrink all.
  const t = (textW - minimum) / (nominal - minimum);
  const widthOf = (c: (typeof TEXT_COLUMNS)[number]) => {
    if (c.key === 'no') return noW;
    if (t >= 1) return c.w * ((textW - noW) / (nominal - noW));
    if (t >= 0) return c.min + (c.w - c.min) * t;
    return c.min * Math.max(0.3, (textW - noW) / (minimum - noW));
  };
  const laneW = lanesTotal / lanes;
  const cols: Column[] = [];
  let x = left;
  const push = (c: Omit<Column, 'x'>) => {
    cols.push({ ...c, x });
    x += c.w;
  };
  for (const c of TEXT_COLUMNS.slice(0, 2)) push({ key: c.key, w: widthOf(c) });
  for (let i = 0; i < lanes; i++) {
    const actorId = actorIds[i];
    push({ key: 'lane', laneIndex: i, w: laneW, ...(actorId ? { actorId } : {}) });
  }
  for (const c of TEXT_COLUMNS.slice(2)) push({ key: c.key, w: widthOf(c) });
  return cols;
}

/**
 * The column of `key`. No and Kegiatan come first and the quality/notes columns
 * last, so searching from the nearer end is O(1) however many lanes lie between
 * (an SOP with 2,000 pelaksana made a forward scan per cell quadratic).
 */
function col(columns: Column[], key: ColumnKey): Column {
  let c: Column | undefined;
  if (key === 'no' || key === 'activity' || key === 'lane') {
    c = columns.find((k) => k.key === key);
  } else {
    for (let i = columns.length - 1; i >= 0 && !c; i--) if (columns[i]!.key === key) c = columns[i];
  }
  if (!c) throw new Error(`missing column ${key}`);
  return c;
}

/**
 * Most lines of a step cell: a row then still fits on a landscape page with room
 * for the header, so no text runs off the page unseen (~1,400 characters of
 * Kegiatan). Header cells (pelaksana names) repeat on every page: fewer.
 */
export const MAX_ROW_LINES = 40;
export const MAX_HEADER_LINES = 16;

function lines(text: string, w: number, bold = false, max = MAX_ROW_LINES): string[] {
  const width = Math.max(4, w - 2 * METRICS.pad);
  return limitLines(
    wrapText(text, width, METRICS.fontSize, bold),
    max,
    width,
    METRICS.fontSize,
    bold,
  );
}

/** Header cells (two rows) placed at `top`; returns cells and total height. */
export function computeHeader(
  columns: Column[],
  actorNames: string[],
  labels: OutputLabels,
  top: number,
): { cells: HeaderCell[]; height: number } {
  const lanes = columns.filter((c) => c.key === 'lane');
  const quality = ['requirements', 'time', 'output'].map((k) => col(columns, k as ColumnKey));
  const sub: Array<{ c: Column; text: string }> = [
    ...lanes.map((c) => ({ c, text: actorNames[c.laneIndex ?? 0] ?? '' })),
    { c: quality[0]!, text: labels.requirements },
    { c: quality[1]!, text: labels.time },
    { c: quality[2]!, text: labels.output },
  ];
  const subLines = sub.map((s) => lines(s.text, s.c.w, true, MAX_HEADER_LINES));
  const row2 = Math.max(
    METRICS.headerRow1,
    ...subLines.map((l) => l.length * METRICS.lineHeight + 2 * METRICS.pad),
  );
  const height = METRICS.headerRow1 + row2;
  const cells: HeaderCell[] = [];
  const full = (c: Column, text: string) =>
    cells.push({
      x: c.x,
      y: top,
      w: c.w,
      h: height,
      lines: lines(text, c.w, true, MAX_HEADER_LINES),
      bold: true,
    });
  const span = (a: Column, b: Column, text: string) => {
    const w = b.x + b.w - a.x;
    cells.push({
      x: a.x,
      y: top,
      w,
      h: METRICS.headerRow1,
      lines: lines(text, w, true, MAX_HEADER_LINES),
      bold: true,
    });
  };
  full(col(columns, 'no'), labels.no);
  full(col(columns, 'activity'), labels.activity);
  span(lanes[0]!, lanes[lanes.length - 1]!, labels.actors);
  span(quality[0]!, quality[2]!, labels.qualityStandard);
  full(col(columns, 'notes'), labels.notes);
  sub.forEach((s, i) => {
    cells.push({
      x: s.c.x,
      y: top + METRICS.headerRow1,
      w: s.c.w,
      h: row2,
      lines: subLines[i] ?? [],
      bold: true,
    });
  });
  return { cells, height };
}

/** Text cells of one step row (y relative to the row top: 0) and the row height. */
export function computeRowCells(
  columns: Column[],
  step: Step,
  number: number,
  labels: OutputLabels,
): { cells: TextCell[]; height: number } {
  const texts: Array<[ColumnKey, string, 'left' | 'center']> = [
    ['no', `${number}.`, 'center'],
    ['activity', step.activity, 'left'],
    ['requirements', step.requirements, 'left'],
    ['time', formatTime(step.time, labels), 'center'],
    ['output', step.output, 'left'],
    ['notes', step.notes, 'left'],
  ];
  const cells: TextCell[] = texts.map(([key, text, align]) => {
    const c = col(columns, key);
    return { key, x: c.x, y: 0, w: c.w, h: 0, lines: lines(text, c.w), align };
  });
  const height = Math.max(
    step.kind === 'decision' ? METRICS.minDecisionRowHeight : METRICS.minRowHeight,
    ...cells.map((c) => c.lines.length * METRICS.lineHeight + 2 * METRICS.pad),
  );
  for (const c of cells) c.h = height;
  return { cells, height };
}

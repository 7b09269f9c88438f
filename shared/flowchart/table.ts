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
  stripHeight: 28,
  laneMin: 56,
  laneMax: 110,
} as const;

/** Nominal widths of the text columns; scaled to fill the page width. */
const TEXT_COLUMNS: Array<{ key: Exclude<ColumnKey, 'lane'>; w: number }> = [
  { key: 'no', w: 22 },
  { key: 'activity', w: 150 },
  { key: 'requirements', w: 100 },
  { key: 'time', w: 52 },
  { key: 'output', w: 90 },
  { key: 'notes', w: 80 },
];

/** Column boxes from left to right: No, Kegiatan, lanes…, Kelengkapan, Waktu, Output, Keterangan. */
export function computeColumns(actorIds: string[], left: number, width: number): Column[] {
  const lanes = Math.max(1, actorIds.length);
  const nominal = TEXT_COLUMNS.reduce((a, c) => a + c.w, 0);
  const lanesTotal = Math.max(
    lanes * METRICS.laneMin,
    Math.min(lanes * METRICS.laneMax, width - nominal),
  );
  const noW = 22;
  const scale = Math.max(0.3, (width - lanesTotal - noW) / (nominal - noW));
  const laneW = lanesTotal / lanes;
  const widthOf = (key: ColumnKey, w: number) => (key === 'no' ? noW : w * scale);
  const cols: Column[] = [];
  let x = left;
  const push = (c: Omit<Column, 'x'>) => {
    cols.push({ ...c, x });
    x += c.w;
  };
  for (const c of TEXT_COLUMNS.slice(0, 2)) push({ key: c.key, w: widthOf(c.key, c.w) });
  for (let i = 0; i < lanes; i++) {
    const actorId = actorIds[i];
    push({ key: 'lane', laneIndex: i, w: laneW, ...(actorId ? { actorId } : {}) });
  }
  for (const c of TEXT_COLUMNS.slice(2)) push({ key: c.key, w: widthOf(c.key, c.w) });
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
    METRICS.minRowHeight,
    ...cells.map((c) => c.lines.length * METRICS.lineHeight + 2 * METRICS.pad),
  );
  for (const c of cells) c.h = height;
  return { cells, height };
}

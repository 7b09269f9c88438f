/**
 * Turns a laid-out page into a flat list of drawing primitives. The SVG view,
 * the SVG string (Word image) and the PDF renderer only translate primitives,
 * so all three draw exactly the same thing.
 */

import type { OutputLabels } from './labels';
import { TITLE } from './layout';
import { diamond, EXIT_LABEL_SIZE, arrowHead as head, LINE, pentagon } from './shapes';
import { METRICS } from './table';
import { textWidth } from './textMetrics';
import type { Box, FlowchartLayout, LayoutPage, Point } from './types';

export { diamond, pentagon } from './shapes';

export type DrawOp =
  | { op: 'rect'; box: Box; lineWidth: number; fill?: string; stroke?: boolean; stepId?: string }
  | { op: 'capsule'; box: Box; lineWidth: number; fill: string; stepId: string }
  | { op: 'polygon'; points: Point[]; lineWidth: number; fill: string; stepId?: string }
  | { op: 'polyline'; points: Point[]; lineWidth: number }
  | {
      op: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      bold: boolean;
      anchor: 'start' | 'middle' | 'end';
      /** Advance width in Helvetica metrics; renderers fit the text to it so wraps hold in any font. */
      width: number;
    };

const GRID = LINE.grid;
const SHAPE = LINE.shape;
const ARROW = LINE.arrow;
const HEADER_FILL = '#e8e8e8';

type TextOp = Extract<DrawOp, { op: 'text' }>;

/** A text primitive with its measured width. */
function text(t: Omit<TextOp, 'op' | 'width'>): TextOp {
  return { op: 'text', ...t, width: textWidth(t.text, t.size, t.bold) };
}

/** Baselines for `n` lines vertically centred in a box (cap height ≈ 0.72 em). */
function baselines(n: number, top: number, h: number, size: number): number[] {
  const lh = METRICS.lineHeight;
  const start = top + (h - n * lh) / 2;
  return Array.from({ length: n }, (_, i) => start + i * lh + lh / 2 + 0.36 * size);
}

function textBlock(
  ops: DrawOp[],
  lines: string[],
  box: Box,
  align: 'left' | 'center',
  bold: boolean,
): void {
  const size = METRICS.fontSize;
  baselines(lines.length, box.y, box.h, size).forEach((y, i) => {
    const line = lines[i] ?? '';
    if (!line) return;
    if (align === 'center') {
      ops.push(text({ x: box.x + box.w / 2, y, text: line, size, bold, anchor: 'middle' }));
    } else {
      ops.push(text({ x: box.x + METRICS.pad, y, text: line, size, bold, anchor: 'start' }));
    }
  });
}

/** Primitives for one page, in painting order (grid, text, arrows, symbols, labels). */
export function pageOps(
  layout: FlowchartLayout,
  page: LayoutPage,
  labels: OutputLabels = layout.labels,
): DrawOp[] {
  const ops: DrawOp[] = [];
  const left = layout.columns[0]!.x;
  const last = layout.columns[layout.columns.length - 1]!;
  const right = last.x + last.w;

  page.title.lines.forEach((line, i) => {
    ops.push(
      text({
        x: left,
        y: page.title.y + TITLE.size + 1 + i * TITLE.lineHeight,
        text: line,
        size: TITLE.size,
        bold: true,
        anchor: 'start',
      }),
    );
  });
  if (layout.pages.length > 1) {
    const n = `${labels.page} ${page.index + 1} ${labels.of} ${layout.pages.length}`;
    ops.push(
      text({
        x: right,
        y: page.title.y + TITLE.size + 1,
        text: n,
        size: 7.5,
        bold: false,
        anchor: 'end',
      }),
    );
  }
  for (const cell of page.header) {
    ops.push({ op: 'rect', box: cell, lineWidth: GRID, fill: HEADER_FILL, stroke: true });
    textBlock(ops, cell.lines, cell, 'center', true);
  }
  const bands: Array<{ y: number; h: number }> = [...page.strips, ...page.rows];
  for (const band of bands) {
    for (const c of layout.columns) {
      ops.push({
        op: 'rect',
        box: { x: c.x, y: band.y, w: c.w, h: band.h },
        lineWidth: GRID,
        stroke: true,
      });
    }
  }
  for (const row of page.rows) {
    for (const cell of row.cells) textBlock(ops, cell.lines, cell, cell.align, false);
  }
  for (const a of page.arrows) {
    ops.push({ op: 'polyline', points: a.points, lineWidth: ARROW });
    ops.push({ op: 'polygon', points: head(a.points), lineWidth: 0, fill: '#000' });
  }
  for (const s of page.symbols) {
    if (s.kind === 'terminator')
      ops.push({ op: 'capsule', box: s.box, lineWidth: SHAPE, fill: '#fff', stepId: s.stepId });
    else if (s.kind === 'decision')
      ops.push({
        op: 'polygon',
        points: diamond(s.box),
        lineWidth: SHAPE,
        fill: '#fff',
        stepId: s.stepId,
      });
    else
      ops.push({
        op: 'rect',
        box: s.box,
        lineWidth: SHAPE,
        fill: '#fff',
        stroke: true,
        stepId: s.stepId,
      });
  }
  for (const c of page.connectors) {
    ops.push({ op: 'polygon', points: pentagon(c.box), lineWidth: SHAPE, fill: '#fff' });
    ops.push(
      text({
        x: c.box.x + c.box.w / 2,
        y: c.box.y + c.box.h * 0.45 + 2.7,
        text: c.letter,
        size: 7.5,
        bold: true,
        anchor: 'middle',
      }),
    );
  }
  for (const a of page.arrows) {
    if (!a.label || !a.labelAt) continue;
    const word = a.label === 'yes' ? labels.yes : labels.exitNo;
    ops.push(
      text({
        x: a.labelAt.x,
        y: a.labelAt.y,
        text: word,
        size: a.labelSize ?? EXIT_LABEL_SIZE,
        bold: false,
        anchor: a.labelAnchor ?? 'start',
      }),
    );
  }
  if (page.footer) {
    page.footer.lines.forEach((line, i) => {
      ops.push(
        text({
          x: left,
          y: page.footer!.y + 8 + i * 10,
          text: line,
          size: 7.5,
          bold: true,
          anchor: 'start',
        }),
      );
    });
  }
  return ops;
}

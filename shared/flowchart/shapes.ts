/**
 * Shapes and line widths of the flowchart's primitives, shared by the drawing
 * (drawOps) and by what must keep clear of the lines (exit labels).
 */

import type { Box, Point } from './types';

/** Stroke widths (points): table grid, symbol outlines, arrows. */
export const LINE = { grid: 0.6, shape: 0.9, arrow: 0.8 } as const;

/** Font size of the Ya/Tidak exit labels (points). */
export const EXIT_LABEL_SIZE = 6.5;

/** Length of an arrow head (points). */
const ARROW_HEAD = 4.5;

/** Arrow head triangle at the end of the polyline. */
export function arrowHead(points: Point[]): Point[] {
  const b = points[points.length - 1]!;
  const a = points[points.length - 2] ?? { x: b.x, y: b.y - 1 };
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const ux = (b.x - a.x) / len;
  const uy = (b.y - a.y) / len;
  const w = ARROW_HEAD * 0.55;
  return [
    b,
    { x: b.x - ux * ARROW_HEAD - uy * w, y: b.y - uy * ARROW_HEAD + ux * w },
    { x: b.x - ux * ARROW_HEAD + uy * w, y: b.y - uy * ARROW_HEAD - ux * w },
  ];
}

/** Pentagon pointing down inside `box` (off-page connector). */
export function pentagon(box: Box): Point[] {
  const tip = box.h * 0.35;
  return [
    { x: box.x, y: box.y },
    { x: box.x + box.w, y: box.y },
    { x: box.x + box.w, y: box.y + box.h - tip },
    { x: box.x + box.w / 2, y: box.y + box.h },
    { x: box.x, y: box.y + box.h - tip },
  ];
}

/** Diamond inscribed in `box`. */
export function diamond(box: Box): Point[] {
  return [
    { x: box.x + box.w / 2, y: box.y },
    { x: box.x + box.w, y: box.y + box.h / 2 },
    { x: box.x + box.w / 2, y: box.y + box.h },
    { x: box.x, y: box.y + box.h / 2 },
  ];
}

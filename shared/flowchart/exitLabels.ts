/**
 * Placement of a decision's "Ya"/"Tidak" exit labels so that no label ever sits on a
 * line (issue 14: a lane border through "Tidak" read "T|dak"). Routing only knows
 * where an exit starts; which lines run near it (lane and row borders, other arrows,
 * symbol outlines, other labels) is known once the whole page is routed, so labels
 * are placed afterwards, page by page.
 *
 * For each labelled exit the candidates are tried nearest-first, inside the decision's
 * own row: beside the exit's first segments (above/below a horizontal one, either side
 * of a vertical one), then any free spot of the row's lanes near the exit; then the
 * same at a smaller size; only then beside the arrow where it runs through other rows. Obstacles are bucketed by height, so a 2,000-row unpaginated
 * chart (screen, Word) costs what its labels' neighbourhoods cost.
 */

import type { OutputLabels } from './labels';
import { arrowHead, diamond, EXIT_LABEL_SIZE, LINE, pentagon } from './shapes';
import { textWidth } from './textMetrics';
import type { Arrow, Box, Column, LayoutPage, Point } from './types';

/** Smaller size tried when no spot fits the normal one. */
const SMALL_SIZE = 5.5;
/** Helvetica ascender (T, d, k: 718/1000 em) and descender (y: 207/1000). */
const ASCENT = 0.718;
const DESCENT = 0.207;
/** Distance kept from any line, beyond its half width (points). */
const CLEAR = 0.9;
/** Gap between a label and the segment it labels. */
const GAP = 1.6;
/** How far from its exit a label may wander in the free-spot search (points). */
const REACH = 44;
const BUCKET = 24;

interface Seg {
  a: Point;
  b: Point;
  /** Half line width plus CLEAR. */
  pad: number;
}

/** Line segments and filled areas of a page, bucketed by y for local queries. */
class Obstacles {
  private buckets = new Map<number, { segs: Seg[]; boxes: Box[] }>();

  private bucketsOf(y0: number, y1: number): number[] {
    const out: number[] = [];
    for (let k = Math.floor(y0 / BUCKET); k <= Math.floor(y1 / BUCKET); k++) out.push(k);
    return out;
  }

  private at(k: number) {
    let b = this.buckets.get(k);
    if (!b) {
      b = { segs: [], boxes: [] };
      this.buckets.set(k, b);
    }
    return b;
  }

  seg(a: Point, b: Point, lineWidth: number): void {
    const s = { a, b, pad: lineWidth / 2 + CLEAR };
    for (const k of this.bucketsOf(Math.min(a.y, b.y) - s.pad, Math.max(a.y, b.y) + s.pad))
      this.at(k).segs.push(s);
  }

  ring(points: Point[], lineWidth: number, closed = true): void {
    const n = points.length;
    for (let i = 1; i < n + (closed ? 1 : 0); i++)
      this.seg(points[i - 1]!, points[i % n]!, lineWidth);
  }

  /** An area nothing may overlap (a symbol's inside, another label). */
  box(b: Box): void {
    for (const k of this.bucketsOf(b.y, b.y + b.h)) this.at(k).boxes.push(b);
  }

  free(box: Box): boolean {
    for (const k of this.bucketsOf(box.y - 2, box.y + box.h + 2)) {
      const b = this.buckets.get(k);
      if (!b) continue;
      for (const o of b.boxes) {
        if (
          box.x < o.x + o.w + CLEAR &&
          o.x < box.x + box.w + CLEAR &&
          box.y < o.y + o.h + CLEAR &&
          o.y < box.y + box.h + CLEAR
        )
          return false;
      }
      for (const s of b.segs) if (segmentNear(s.a, s.b, box, s.pad)) return false;
    }
    return true;
  }
}

/** Does segment a–b come within `pad` of `box` (Liang–Barsky clip against the grown box)? */
export function segmentNear(a: Point, b: Point, box: Box, pad: number): boolean {
  const x0 = box.x - pad;
  const x1 = box.x + box.w + pad;
  const y0 = box.y - pad;
  const y1 = box.y + box.h + pad;
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const edges: Array<[number, number]> = [
    [-dx, a.x - x0],
    [dx, x1 - a.x],
    [-dy, a.y - y0],
    [dy, y1 - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

const rectPoints = (b: Box): Point[] => [
  { x: b.x, y: b.y },
  { x: b.x + b.w, y: b.y },
  { x: b.x + b.w, y: b.y + b.h },
  { x: b.x, y: b.y + b.h },
];

/** Everything drawn on the page's body that a label must keep clear of. */
function pageObstacles(page: LayoutPage, columns: Column[]): Obstacles {
  const lineWidths = LINE;
  const obs = new Obstacles();
  const bands = [...page.strips, ...page.rows].sort((p, q) => p.y - q.y);
  const first = bands[0];
  const last = bands[bands.length - 1];
  const left = columns[0]?.x ?? 0;
  const lastCol = columns[columns.length - 1];
  const right = lastCol ? lastCol.x + lastCol.w : left;
  if (first && last) {
    for (const b of bands) {
      obs.seg({ x: left, y: b.y }, { x: right, y: b.y }, lineWidths.grid);
      obs.seg({ x: left, y: b.y + b.h }, { x: right, y: b.y + b.h }, lineWidths.grid);
    }
    const top = first.y;
    const bottom = last.y + last.h;
    for (const c of columns) {
      obs.seg({ x: c.x, y: top }, { x: c.x, y: bottom }, lineWidths.grid);
      obs.seg({ x: c.x + c.w, y: top }, { x: c.x + c.w, y: bottom }, lineWidths.grid);
    }
  }
  for (const a of page.arrows) {
    obs.ring(a.points, lineWidths.arrow, false);
    const tip = arrowHead(a.points);
    obs.ring(tip, lineWidths.arrow);
    obs.box(boundsOf(tip));
  }
  for (const s of page.symbols) {
    obs.ring(s.kind === 'decision' ? diamond(s.box) : rectPoints(s.box), lineWidths.shape);
    obs.box(s.kind === 'decision' ? inner(s.box) : s.box);
  }
  for (const c of page.connectors) {
    obs.ring(pentagon(c.box), lineWidths.shape);
    obs.box(c.box);
  }
  return obs;
}

function boundsOf(pts: Point[]): Box {
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

/** The middle of a diamond's box, inside the diamond (its corners stay usable). */
function inner(b: Box): Box {
  return { x: b.x + b.w / 4, y: b.y + b.h / 4, w: b.w / 2, h: b.h / 2 };
}

/** Label boxes (left, top) to try for an arrow, nearest to its start first. */
function* candidates(arrow: Arrow, w: number, h: number): Generator<Box> {
  const pts = arrow.points;
  // Along the first two segments: beside them, stepping away from the exit.
  let along = 0;
  for (let i = 1; i < Math.min(pts.length, 3); i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    const horizontal = Math.abs(b.y - a.y) < 0.01;
    for (let s = 0; s <= Math.min(Math.max(0, len - 2), REACH - along); s += 1.5) {
      if (horizontal) {
        const dir = b.x >= a.x ? 1 : -1;
        const x = dir > 0 ? a.x + GAP + s : a.x - GAP - s - w;
        yield { x, y: a.y - GAP - h, w, h };
        yield { x, y: a.y + GAP, w, h };
      } else {
        const dir = b.y >= a.y ? 1 : -1;
        const y = dir > 0 ? a.y + GAP + s : a.y - GAP - s - h;
        // The side the next segment does not turn to first.
        const next = pts[i + 1];
        const turnsRight = next ? next.x > b.x + 0.01 : false;
        const sides = turnsRight ? [a.x - GAP - w, a.x + GAP] : [a.x + GAP, a.x - GAP - w];
        for (const x of sides) yield { x, y, w, h };
      }
    }
    along += len;
    if (along > REACH) break;
  }
}

/** Box offsets from a point, nearest first, per label size (built once per size). */
const offsetCache = new Map<string, Point[]>();

function offsets(w: number, h: number): Point[] {
  const key = `${w.toFixed(2)}x${h.toFixed(2)}`;
  let list = offsetCache.get(key);
  if (!list) {
    const all: Array<{ d: number; o: Point }> = [];
    for (let y = -REACH - h; y <= REACH; y++)
      for (let x = -REACH - w; x <= REACH; x++) {
        const dx = Math.max(x, 0, -(x + w));
        const dy = Math.max(y, 0, -(y + h));
        all.push({ d: Math.hypot(dx, dy), o: { x, y } });
      }
    list = all.sort((a, b) => a.d - b.d).map((c) => c.o);
    offsetCache.set(key, list);
  }
  return list;
}

/** Spots near `p` inside `area`, nearest first (1-point grid). */
function* nearby(p: Point, area: Box, w: number, h: number): Generator<Box> {
  for (const o of offsets(w, h)) {
    const x = p.x + o.x;
    const y = p.y + o.y;
    if (x >= area.x && y >= area.y && x + w <= area.x + area.w && y + h <= area.y + area.h)
      yield { x, y, w, h };
  }
}

/**
 * Set `labelAt`/`labelAnchor` (and `labelSize` when smaller) of every labelled arrow
 * of `page` to a spot that crosses no line and overlaps no symbol or other label.
 */
export function placeExitLabels(
  page: LayoutPage,
  columns: Column[],
  labels: Pick<OutputLabels, 'yes' | 'exitNo'>,
): void {
  const labelled = page.arrows.filter((a) => a.label);
  if (labelled.length === 0) return;
  const obs = pageObstacles(page, columns);
  const lanes = columns.filter((c) => c.key === 'lane');
  const lanesX = lanes[0]?.x ?? 0;
  const lastLane = lanes[lanes.length - 1];
  const lanesW = lastLane ? lastLane.x + lastLane.w - lanesX : 0;
  const bandOf = new Map<string, { y: number; h: number }>(
    page.rows.map((r) => [r.stepId, { y: r.y, h: r.h }]),
  );
  for (const a of labelled) {
    const word = a.label === 'yes' ? labels.yes : labels.exitNo;
    const start = a.points[0]!;
    const band = bandOf.get(a.fromStepId) ?? { y: start.y - 20, h: 40 };
    const inBand = (b: Box) => b.y >= band.y && b.y + b.h <= band.y + band.h;
    const area = { x: lanesX, y: band.y, w: lanesW, h: band.h };
    const sized = [EXIT_LABEL_SIZE, SMALL_SIZE].map((size) => ({
      size,
      w: textWidth(word, size),
      h: (ASCENT + DESCENT) * size,
    }));
    // In the decision's own row first (beside the exit, then anywhere near it), at the
    // usual size and then smaller; only then beside the arrow in the rows it runs through.
    const tries = [
      ...sized.flatMap((z) => [
        { z, boxes: () => filter(candidates(a, z.w, z.h), inBand) },
        { z, boxes: () => nearby(start, area, z.w, z.h) },
      ]),
      ...sized.map((z) => ({ z, boxes: () => candidates(a, z.w, z.h) })),
    ];
    let placed: { box: Box; size: number } | null = null;
    for (const t of tries) {
      for (const box of t.boxes()) {
        if (obs.free(box)) {
          placed = { box, size: t.z.size };
          break;
        }
      }
      if (placed) break;
    }
    if (!placed) continue; // keep routing's spot: nothing free within reach
    obs.box(placed.box);
    a.labelAt = { x: placed.box.x, y: placed.box.y + ASCENT * placed.size };
    a.labelAnchor = 'start';
    if (placed.size !== EXIT_LABEL_SIZE) a.labelSize = placed.size;
    else delete a.labelSize;
  }
}

function* filter<T>(items: Iterable<T>, keep: (t: T) => boolean): Generator<T> {
  for (const t of items) if (keep(t)) yield t;
}

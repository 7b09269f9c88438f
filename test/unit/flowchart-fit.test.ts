/**
 * Issue 14, nothing on a line and nothing off the page. The page title wraps within the
 * table's width (a 270-character SOP name ran off the page and off the chart on screen),
 * and a decision's "Ya"/"Tidak" label never sits on a line ("T|dak"). Labels are checked on
 * the drawing primitives every output paints (screen SVG, PDF, Word strips): each exit
 * label's text box against every stroked line of its page — grid cells, arrows, arrow
 * heads, symbol and connector outlines — and against the other labels. The boxes come
 * from the primitives alone (font metrics of the text op), not from the placer's own
 * bookkeeping, so a placer that is wrong about a line cannot pass.
 */

import { describe, expect, it } from 'vitest';
import { type DrawOp, pageOps } from '../../shared/flowchart/drawOps';
import { labelsEn, labelsId, type OutputLabels } from '../../shared/flowchart/labels';
import { layoutProcedure } from '../../shared/flowchart/layout';
import type { Box, Point } from '../../shared/flowchart/types';
import type { SopSnapshot, Step } from '../../shared/model/types';
import { fixtureSnapshot } from './flowchart-fixture';
import { sampleSnapshot } from './flowchart-sample';

type TextOp = Extract<DrawOp, { op: 'text' }>;

/** Helvetica ascender of the label letters (T, d, k: 718/1000 em) and descender (y: 207). */
const ASCENT = 0.718;
const DESCENT = 0.207;

function textBox(t: TextOp): Box {
  const x = t.anchor === 'start' ? t.x : t.anchor === 'middle' ? t.x - t.width / 2 : t.x - t.width;
  return { x, y: t.y - ASCENT * t.size, w: t.width, h: (ASCENT + DESCENT) * t.size };
}

/** Segments of every stroked primitive, each with its half line width. */
function strokes(ops: DrawOp[]): Array<{ a: Point; b: Point; half: number }> {
  const out: Array<{ a: Point; b: Point; half: number }> = [];
  const ring = (pts: Point[], half: number, closed: boolean) => {
    for (let i = 1; i < pts.length + (closed ? 1 : 0); i++)
      out.push({ a: pts[i - 1]!, b: pts[i % pts.length]!, half });
  };
  const rect = (b: Box): Point[] => [
    { x: b.x, y: b.y },
    { x: b.x + b.w, y: b.y },
    { x: b.x + b.w, y: b.y + b.h },
    { x: b.x, y: b.y + b.h },
  ];
  for (const o of ops) {
    if (o.op === 'rect' && o.stroke) ring(rect(o.box), o.lineWidth / 2, true);
    else if (o.op === 'capsule') ring(rect(o.box), o.lineWidth / 2, true);
    else if (o.op === 'polygon') ring(o.points, Math.max(o.lineWidth, 0.3) / 2, true);
    else if (o.op === 'polyline') ring(o.points, o.lineWidth / 2, false);
  }
  return out;
}

/** Does segment a–b come within `pad` of box (Liang–Barsky clip against the grown box)? */
function hits(a: Point, b: Point, box: Box, pad: number): boolean {
  const x0 = box.x - pad;
  const x1 = box.x + box.w + pad;
  const y0 = box.y - pad;
  const y1 = box.y + box.h + pad;
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  for (const [p, q] of [
    [-dx, a.x - x0],
    [dx, x1 - a.x],
    [-dy, a.y - y0],
    [dy, y1 - a.y],
  ] as const) {
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

const overlap = (p: Box, q: Box) =>
  p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h;

/** Problems of the exit labels of every page of `snap` laid out at `pageHeight`. */
function labelProblems(snap: SopSnapshot, pageHeight: number, labels: OutputLabels): string[] {
  const layout = layoutProcedure(snap, { pageHeight, labels });
  const problems: string[] = [];
  const decisions = snap.steps.filter((s) => s.kind === 'decision');
  let seen = 0;
  for (const page of layout.pages) {
    const ops = pageOps(layout, page, labels);
    const words = new Set([labels.yes, labels.exitNo]);
    // Exit labels are the small texts with those words (cells use the table font size).
    const exitTexts = ops.filter(
      (o): o is TextOp => o.op === 'text' && words.has(o.text) && o.size < layout.fontSize,
    );
    seen += exitTexts.length;
    const lines = strokes(ops);
    const boxes = exitTexts.map(textBox);
    boxes.forEach((box, i) => {
      const where = `page ${page.index + 1} "${exitTexts[i]!.text}" at ${box.x.toFixed(1)},${box.y.toFixed(1)}`;
      for (const s of lines) {
        if (hits(s.a, s.b, box, s.half)) {
          problems.push(
            `${where} crosses a line ${s.a.x.toFixed(1)},${s.a.y.toFixed(1)}→${s.b.x.toFixed(1)},${s.b.y.toFixed(1)}`,
          );
          break;
        }
      }
      for (let j = 0; j < i; j++) if (overlap(box, boxes[j]!)) problems.push(`${where} overlaps`);
    });
  }
  // Every labelled exit has its word drawn (none dropped to dodge the check).
  const labelled = layout.pages.flatMap((p) => p.arrows).filter((a) => a.label).length;
  if (seen !== labelled) problems.push(`${seen} exit labels drawn for ${labelled} labelled exits`);
  if (decisions.some((d) => d.yes && d.yes !== d.id) && labelled === 0)
    problems.push('no exit labelled');
  return problems;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random procedure with many decisions, `lanes` pelaksana. */
function randomSop(seed: number, lanes?: number): SopSnapshot {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const base = fixtureSnapshot();
  const actors = Array.from({ length: lanes ?? 1 + Math.floor(r() * 12) }, (_, i) => ({
    id: `a${i}`,
    name: `Pelaksana ${i}`,
  }));
  const n = 2 + Math.floor(r() * 22);
  const steps: Step[] = Array.from({ length: n }, (_, i) => ({
    ...base.steps[0]!,
    id: `x${i}`,
    kind:
      i === 0 || i === n - 1 ? 'terminator' : pick(['process', 'decision', 'decision'] as const),
    actorId: pick(actors).id,
    activity: Array.from({ length: 1 + Math.floor(r() * 12) }, () => pick(['arsip', 'rak'])).join(
      ' ',
    ),
  }));
  for (const s of steps) {
    if (s.kind !== 'decision') continue;
    s.yes = pick(steps).id;
    s.no = pick(steps).id;
  }
  return { ...base, actors, steps };
}

describe('decision exit labels never sit on a line (issue 14)', () => {
  it('in the sample SOP, on screen and at every page height, in both languages', () => {
    for (const labels of [labelsId, labelsEn]) {
      for (const h of [Number.POSITIVE_INFINITY, 595.28, 420, 300]) {
        expect(labelProblems(sampleSnapshot(), h, labels), `height ${h}`).toEqual([]);
        expect(labelProblems(fixtureSnapshot(), h, labels), `fixture, height ${h}`).toEqual([]);
      }
    }
  });

  it('with 12 pelaksana (narrow lanes, where "Tidak" is wider than the gutter)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const snap = randomSop(seed, 12);
      for (const h of [Number.POSITIVE_INFINITY, 595.28]) {
        expect(labelProblems(snap, h, labelsId), `seed ${seed}, height ${h}`).toEqual([]);
      }
    }
  });

  it('in 80 seeded random procedures full of decisions', () => {
    for (let seed = 100; seed < 180; seed++) {
      const snap = randomSop(seed);
      for (const h of [Number.POSITIVE_INFINITY, 595.28, 300]) {
        expect(labelProblems(snap, h, labelsId), `seed ${seed}, height ${h}`).toEqual([]);
      }
    }
  });

  it('the check itself catches a label put on a lane line', () => {
    const snap = sampleSnapshot();
    const layout = layoutProcedure(snap, { pageHeight: Number.POSITIVE_INFINITY });
    const page = layout.pages[0]!;
    const arrow = page.arrows.find((a) => a.label === 'no')!;
    const lane = layout.columns.find((c) => c.key === 'lane')!;
    const ops = pageOps(layout, page, labelsId);
    const t = ops.find((o): o is TextOp => o.op === 'text' && o.text === 'Tidak')!;
    // Straddle the first lane's right border at the label's own height.
    const moved: TextOp = { ...t, x: lane.x + lane.w - 5, anchor: 'start' };
    const box = textBox(moved);
    expect(strokes(ops).some((s) => hits(s.a, s.b, box, s.half))).toBe(true);
    expect(arrow.labelAt).toBeDefined();
  });
});

describe('the page title wraps within the table (issue 14)', () => {
  const long = `${'Perlindungan dan Penyelamatan Arsip Vital Dinas '.repeat(6)}akhir`;

  it('a 270-character name wraps onto lines inside the table, clear of the page number', () => {
    const snap = sampleSnapshot();
    snap.identity.name = long.slice(0, 270);
    for (const pageHeight of [595.28, Number.POSITIVE_INFINITY]) {
      const layout = layoutProcedure(snap, { pageHeight });
      const page = layout.pages[0]!;
      const ops = pageOps(layout, page, labelsId);
      const left = layout.columns[0]!.x;
      const last = layout.columns[layout.columns.length - 1]!;
      const titles = ops.filter(
        (o): o is TextOp => o.op === 'text' && o.bold && o.size === 9 && o.y < page.tableTop,
      );
      expect(titles.length).toBeGreaterThan(1);
      // Every word of the name and number is there, in order.
      expect(titles.map((t) => t.text).join(' ')).toBe(
        `${snap.identity.name} — ${snap.identity.number}`.replace(/\s+/g, ' '),
      );
      const pageNo = ops.find((o): o is TextOp => o.op === 'text' && o.anchor === 'end');
      for (const t of titles) {
        expect(t.x).toBeGreaterThanOrEqual(left);
        expect(t.x + t.width).toBeLessThanOrEqual(last.x + last.w);
        if (pageNo && Math.abs(pageNo.y - t.y) < 1)
          expect(t.x + t.width).toBeLessThan(pageNo.x - pageNo.width);
        // Above the header, which moves down to make room.
        expect(t.y).toBeLessThan(page.tableTop);
      }
    }
  });

  it('a name longer than five lines ends in an ellipsis (the identity page has it whole)', () => {
    const snap = sampleSnapshot();
    snap.identity.name = long.repeat(4);
    const layout = layoutProcedure(snap);
    const lines = layout.pages[0]!.title.lines;
    expect(lines).toHaveLength(5);
    expect(lines[4]!.endsWith('…')).toBe(true);
  });
});

/**
 * Geometry rules of the SOP AP procedure layout (sop-format §2; issue 6 tests):
 * symbol in its actor's lane and row, shape per kind, Ya/Tidak exits, arrows
 * never cross other symbols, page breaks yield matching lettered connector pairs.
 */

import { describe, expect, it } from 'vitest';
import { flowEdges } from '../../shared/flowchart/graph';
import { layoutProcedure } from '../../shared/flowchart/layout';
import type { Box, FlowchartLayout, Point } from '../../shared/flowchart/types';
import type { SopSnapshot } from '../../shared/model/types';
import { fixtureSnapshot } from './flowchart-fixture';
import { sampleSnapshot } from './flowchart-sample';

const EPS = 0.01;

function inside(p: Point, b: Box): boolean {
  return p.x > b.x + EPS && p.x < b.x + b.w - EPS && p.y > b.y + EPS && p.y < b.y + b.h - EPS;
}

/** Does the axis-parallel segment a→b pass through the interior of box? */
function segmentHitsBox(a: Point, b: Point, box: Box): boolean {
  const x1 = Math.min(a.x, b.x);
  const x2 = Math.max(a.x, b.x);
  const y1 = Math.min(a.y, b.y);
  const y2 = Math.max(a.y, b.y);
  return (
    x2 > box.x + EPS && x1 < box.x + box.w - EPS && y2 > box.y + EPS && y1 < box.y + box.h - EPS
  );
}

function checkLayout(snap: SopSnapshot, layout: FlowchartLayout): void {
  const lanes = layout.columns.filter((c) => c.key === 'lane');
  for (const page of layout.pages) {
    for (const sym of page.symbols) {
      const step = snap.steps.find((s) => s.id === sym.stepId)!;
      const row = page.rows.find((r) => r.stepId === sym.stepId)!;
      // In its actor's lane…
      const lane = lanes[sym.laneIndex]!;
      expect(lane.actorId).toBe(step.actorId);
      expect(sym.box.x).toBeGreaterThanOrEqual(lane.x);
      expect(sym.box.x + sym.box.w).toBeLessThanOrEqual(lane.x + lane.w);
      // …and in its row.
      expect(sym.box.y).toBeGreaterThanOrEqual(row.y);
      expect(sym.box.y + sym.box.h).toBeLessThanOrEqual(row.y + row.h);
      expect(sym.kind).toBe(step.kind);
    }
    const obstacles: Array<{ id: string; box: Box }> = [
      ...page.symbols.map((s) => ({ id: s.stepId, box: s.box })),
      ...page.connectors.map((c) => ({ id: `${c.role}:${c.letter}`, box: c.box })),
    ];
    for (const arrow of page.arrows) {
      expect(arrow.points.length).toBeGreaterThanOrEqual(2);
      const ends = new Set<string>();
      for (const o of obstacles) {
        const touchesStart = !inside(arrow.points[0]!, o.box) && onBorder(arrow.points[0]!, o.box);
        const last = arrow.points[arrow.points.length - 1]!;
        if (touchesStart || onBorder(last, o.box)) ends.add(o.id);
      }
      for (let i = 1; i < arrow.points.length; i++) {
        const a = arrow.points[i - 1]!;
        const b = arrow.points[i]!;
        // Orthogonal segments only.
        expect(Math.abs(a.x - b.x) < EPS || Math.abs(a.y - b.y) < EPS).toBe(true);
        for (const o of obstacles) {
          if (ends.has(o.id)) continue;
          expect(
            segmentHitsBox(a, b, o.box),
            `${arrow.fromStepId}->${arrow.toStepId} hits ${o.id}`,
          ).toBe(false);
        }
      }
    }
  }
}

function onBorder(p: Point, b: Box): boolean {
  const inX = p.x >= b.x - EPS && p.x <= b.x + b.w + EPS;
  const inY = p.y >= b.y - EPS && p.y <= b.y + b.h + EPS;
  return inX && inY && !inside(p, b);
}

function checkConnectors(snap: SopSnapshot, layout: FlowchartLayout): number {
  const pageOf = new Map<string, number>();
  for (const p of layout.pages) for (const r of p.rows) pageOf.set(r.stepId, p.index);
  const laneOf = (stepId: string) =>
    snap.actors.findIndex((a) => a.id === snap.steps.find((s) => s.id === stepId)?.actorId);
  const crossing = flowEdges(snap).filter((e) => pageOf.get(e.from) !== pageOf.get(e.to));
  const outs = layout.pages.flatMap((p) =>
    p.connectors.filter((c) => c.role === 'out').map((c) => ({ p, c })),
  );
  const ins = layout.pages.flatMap((p) =>
    p.connectors.filter((c) => c.role === 'in').map((c) => ({ p, c })),
  );
  expect(outs.length).toBe(crossing.length);
  expect(ins.length).toBe(crossing.length);
  for (const { p, c } of outs) {
    const pair = ins.filter((i) => i.c.letter === c.letter);
    expect(pair).toHaveLength(1);
    const { p: tp, c: tc } = pair[0]!;
    // Source page bottom in the source lane; target page top in the target lane.
    expect(pageOf.get(c.stepId)).toBe(p.index);
    expect(c.laneIndex).toBe(laneOf(c.stepId));
    expect(c.box.y).toBeGreaterThan(Math.max(...p.rows.map((r) => r.y)));
    expect(tc.laneIndex).toBe(laneOf(tc.stepId));
    expect(pageOf.get(tc.stepId)).toBe(tp.index);
    expect(tc.box.y + tc.box.h).toBeLessThan(Math.min(...tp.rows.map((r) => r.y)) + EPS);
    expect(tp.index).not.toBe(p.index);
    const edge = crossing.find((e) => e.from === c.stepId && e.to === tc.stepId);
    expect(edge, `connector ${c.letter} matches a flow`).toBeDefined();
    // Both halves are drawn as arrows.
    expect(p.arrows.some((a) => a.connector === c.letter)).toBe(true);
    expect(tp.arrows.some((a) => a.connector === c.letter)).toBe(true);
  }
  return crossing.length;
}

describe.each([
  ['the model sample SOP', sampleSnapshot],
  ['the local fixture (loop back across a page)', fixtureSnapshot],
])('flowchart layout of %s', (_name, make) => {
  const snap = make();
  const layout = layoutProcedure(snap);

  it('places every step once, in its actor lane and its row, with the shape of its kind', () => {
    const ids = layout.pages.flatMap((p) => p.symbols.map((s) => s.stepId));
    expect(ids).toEqual(snap.steps.map((s) => s.id));
    checkLayout(snap, layout);
  });

  it('labels decision exits Ya/Tidak', () => {
    const decisions = snap.steps.filter((s) => s.kind === 'decision');
    expect(decisions.length).toBeGreaterThan(0);
    const arrows = layout.pages.flatMap((p) => p.arrows);
    for (const d of decisions) {
      const out = arrows.filter((a) => a.fromStepId === d.id);
      const labels = out.map((a) => a.label).sort();
      expect(labels).toContain('yes');
      expect(labels).toContain('no');
      // Both halves of a crossing exit are labelled only at the source side.
      for (const a of out) if (a.label) expect(a.labelAt).toBeDefined();
    }
  });

  it('draws an arrow for every flow edge', () => {
    const arrows = layout.pages.flatMap((p) => p.arrows);
    for (const e of flowEdges(snap)) {
      expect(arrows.some((a) => a.fromStepId === e.from && a.toStepId === e.to)).toBe(true);
    }
  });

  it('pairs off-page connectors with the same letter at real page breaks', () => {
    checkConnectors(snap, layout);
  });

  it('a small page height forces several breaks, still with matching pairs and clean arrows', () => {
    const small = layoutProcedure(snap, { pageHeight: 300 });
    expect(small.pages.length).toBeGreaterThanOrEqual(4);
    const letters = small.pages.flatMap((p) => p.connectors.map((c) => c.letter));
    expect(new Set(letters).size).toBeGreaterThanOrEqual(3);
    expect(checkConnectors(snap, small)).toBeGreaterThanOrEqual(3);
    checkLayout(snap, small);
    for (const p of small.pages) {
      expect(p.tableBottom).toBeLessThanOrEqual(small.pageHeight - small.margin + EPS);
      // The header repeats on every page.
      expect(p.header.length).toBe(layout.pages[0]!.header.length);
    }
  });

  it('every page split point keeps the rules (one row per page caps)', () => {
    for (const cap of [1, 2, 3, 5]) {
      const l = layoutProcedure(snap, { maxRowsPerPage: cap });
      expect(l.pages.every((p) => p.rows.length <= cap)).toBe(true);
      checkLayout(snap, l);
      checkConnectors(snap, l);
    }
  });

  it('an unpaginated layout (screen) has one page and no connectors', () => {
    const l = layoutProcedure(snap, { pageHeight: Number.POSITIVE_INFINITY });
    expect(l.pages).toHaveLength(1);
    expect(l.pages[0]!.connectors).toHaveLength(0);
    expect(Number.isFinite(l.pageHeight)).toBe(true);
  });
});

describe('the geometry checks themselves', () => {
  it('catch an arrow drawn through another symbol and a connector in the wrong lane', () => {
    const snap = sampleSnapshot();
    const layout = layoutProcedure(snap, { maxRowsPerPage: 4 });
    const page = layout.pages[0]!;
    const victim = page.symbols[2]!;
    const arrow = page.arrows.find((a) => a.fromStepId === page.symbols[0]!.stepId)!;
    const saved = arrow.points;
    arrow.points = [
      saved[0]!,
      { x: saved[0]!.x, y: victim.box.y + victim.box.h / 2 },
      {
        x: victim.box.x + victim.box.w + 5,
        y: victim.box.y + victim.box.h / 2,
      },
    ];
    expect(() => checkLayout(snap, layout)).toThrow();
    arrow.points = saved;
    checkLayout(snap, layout);
    const conn = page.connectors[0]!;
    conn.laneIndex = (conn.laneIndex + 1) % snap.actors.length;
    expect(() => checkConnectors(snap, layout)).toThrow();
  });
});

/** Small seeded PRNG (mulberry32) so a failing case can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomSop(seed: number): SopSnapshot {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const base = fixtureSnapshot();
  const actors = Array.from({ length: 1 + Math.floor(r() * 6) }, (_, i) => ({
    id: `a${i}`,
    name: `Pelaksana ${i}`,
  }));
  const n = 1 + Math.floor(r() * 18);
  const words = 'arsip dokumen laporan memeriksa menyusun rak boks verifikasi'.split(' ');
  const steps = Array.from({ length: n }, (_, i) => ({
    ...base.steps[0]!,
    id: `x${i}`,
    kind:
      i === 0 || i === n - 1
        ? ('terminator' as const)
        : pick(['process', 'process', 'decision'] as const),
    actorId: pick(actors).id,
    activity: Array.from({ length: 1 + Math.floor(r() * 30) }, () => pick(words)).join(' '),
  }));
  for (const s of steps) {
    if (s.kind !== 'decision') continue;
    s.yes = pick(steps).id;
    s.no = pick(steps).id;
  }
  return { ...base, actors, steps };
}

describe('layout invariants on random SOPs', () => {
  it('holds for 60 seeded random procedures at several page heights', { timeout: 60_000 }, () => {
    for (let seed = 1; seed <= 60; seed++) {
      const snap = randomSop(seed);
      for (const pageHeight of [260, 420, Number.POSITIVE_INFINITY]) {
        const layout = layoutProcedure(snap, { pageHeight });
        try {
          checkLayout(snap, layout);
          checkConnectors(snap, layout);
        } catch (err) {
          throw new Error(`seed ${seed}, pageHeight ${pageHeight}: ${(err as Error).message}`);
        }
      }
    }
  });
});

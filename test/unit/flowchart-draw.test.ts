/**
 * Drawing primitives shared by SVG, PDF and Word (issue 6): the five symbols
 * only, with the right primitive per kind; Ya/Tidak labels beside decisions;
 * lettered pentagons; every text line fits its cell (so wraps hold in PDF and SVG).
 */

import { describe, expect, it } from 'vitest';
import { type DrawOp, pageOps } from '../../shared/flowchart/drawOps';
import { labelsEn, labelsId } from '../../shared/flowchart/labels';
import { layoutProcedure } from '../../shared/flowchart/layout';
import { opsToSvg } from '../../shared/flowchart/svg';
import { sampleSnapshot } from './flowchart-sample';

type TextOp = Extract<DrawOp, { op: 'text' }>;

describe('page drawing primitives', () => {
  const snap = sampleSnapshot();
  const layout = layoutProcedure(snap, { pageHeight: 400 });
  const pages = layout.pages.map((p) => ({ page: p, ops: pageOps(layout, p, labelsId) }));

  it('draws each step with the primitive of its kind', () => {
    for (const { page, ops } of pages) {
      for (const sym of page.symbols) {
        const own = ops.filter((o) => 'stepId' in o && o.stepId === sym.stepId);
        expect(own).toHaveLength(1);
        const o = own[0]!;
        if (sym.kind === 'terminator') expect(o.op).toBe('capsule');
        if (sym.kind === 'process') expect(o.op).toBe('rect');
        if (sym.kind === 'decision') {
          expect(o.op).toBe('polygon');
          if (o.op === 'polygon') expect(o.points).toHaveLength(4);
        }
      }
    }
  });

  it('labels decision exits Ya/Tidak next to the decision, and letters each pentagon', () => {
    const texts = pages.flatMap(({ ops }) => ops.filter((o): o is TextOp => o.op === 'text'));
    const decisions = snap.steps.filter((s) => s.kind === 'decision').length;
    expect(texts.filter((t) => t.text === 'Ya')).toHaveLength(decisions);
    expect(texts.filter((t) => t.text === 'Tidak')).toHaveLength(decisions);
    for (const { page, ops } of pages) {
      for (const c of page.connectors) {
        const pent = ops.find(
          (o) =>
            o.op === 'polygon' &&
            o.points.length === 5 &&
            o.points[0]!.x === c.box.x &&
            o.points[0]!.y === c.box.y,
        );
        expect(pent, `pentagon ${c.letter}`).toBeDefined();
        expect(ops.some((o) => o.op === 'text' && o.text === c.letter)).toBe(true);
      }
    }
  });

  it('keeps every table text line inside its cell', () => {
    for (const { page, ops } of pages) {
      const texts = ops.filter((o): o is TextOp => o.op === 'text');
      for (const row of page.rows) {
        for (const cell of row.cells) {
          for (const line of cell.lines.filter(Boolean)) {
            const t = texts.find((o) => o.text === line && o.y > row.y && o.y < row.y + row.h);
            expect(t, line).toBeDefined();
            const left = t!.anchor === 'middle' ? t!.x - t!.width / 2 : t!.x;
            expect(left).toBeGreaterThanOrEqual(cell.x);
            expect(left + t!.width).toBeLessThanOrEqual(cell.x + cell.w + 0.01);
          }
        }
      }
    }
  });

  it('speaks English when asked, and serialises to SVG', () => {
    const enLayout = layoutProcedure(snap, { labels: labelsEn });
    const en = pageOps(enLayout, enLayout.pages[0]!).filter((o): o is TextOp => o.op === 'text');
    expect(en.some((t) => t.text === 'Activity')).toBe(true);
    const svg = opsToSvg(pages[0]!.ops, layout.pageWidth, layout.pageHeight);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Kegiatan');
    expect((svg.match(/<text/g) ?? []).length).toBe(
      pages[0]!.ops.filter((o) => o.op === 'text').length,
    );
  });
});

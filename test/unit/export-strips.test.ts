/**
 * Issue 12 item 3, speed without changing the output: the Word export's per-row image
 * strips are cut with a band index (same primitives as testing every primitive against
 * every row), identical strips are built once, raw body cells write the same XML as
 * `cell()`, and the PDF's off-page culling keeps every primitive of an SOP that fits.
 */
import { Document, Packer, Table, TableRow } from 'docx';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cell, RawTextCell } from '../../server/export/docxCells';
import { opBox, opsPerBand, overlaps, stripImages } from '../../server/export/docxStrips';
import { visibleOps } from '../../server/export/pdfOps';
import { type DrawOp, pageOps } from '../../shared/flowchart/drawOps';
import { A4, layoutProcedure } from '../../shared/flowchart/layout';
import type { SopSnapshot } from '../../shared/model/types';
import { bigSop } from '../helpers/bigSop';
import { fixtureSnapshot } from './flowchart-fixture';
import { sampleSnapshot } from './flowchart-sample';

function unpaginated(s: SopSnapshot) {
  const layout = layoutProcedure(s, { pageHeight: Number.POSITIVE_INFINITY });
  const page = layout.pages[0]!;
  const lanes = layout.columns.filter((c) => c.key === 'lane');
  return {
    page,
    ops: pageOps(layout, page),
    x: lanes[0]!.x,
    w: lanes.reduce((a, c) => a + c.w, 0),
  };
}

const snapshots: Array<[string, () => SopSnapshot]> = [
  ['sample', sampleSnapshot],
  ['fixture', fixtureSnapshot],
  ['120 steps, decisions looping back', () => bigSop({ steps: 120, actors: 6 })],
];

describe('Word image strips', () => {
  for (const [name, make] of snapshots) {
    it(`band index picks the same primitives as the full scan (${name})`, () => {
      const { page, ops, x, w } = unpaginated(make());
      const fast = opsPerBand(ops, page.rows, x, w);
      const slow = page.rows.map((r) =>
        ops.filter((o: DrawOp) => overlaps(opBox(o), { x, y: r.y, w, h: r.h })),
      );
      expect(fast).toEqual(slow);
    });
  }

  it('builds identical strips once', () => {
    const { page, ops, x, w } = unpaginated(bigSop({ steps: 300, actors: 5 }));
    const images = stripImages(ops, page.rows, x, w);
    expect(images).toHaveLength(300);
    const distinct = new Set(images);
    expect(distinct.size).toBeLessThan(100);
    expect(new Set(images.map((i) => i.svg.toString())).size).toBe(distinct.size);
  });
});

async function documentXml(rows: TableRow[]): Promise<string> {
  const doc = new Document({ sections: [{ children: [new Table({ rows })] }] });
  const files = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
  return new TextDecoder().decode(files['word/document.xml']);
}

describe('RawTextCell', () => {
  it('writes the XML that cell() writes', async () => {
    const texts: Array<[string, number, boolean]> = [
      ['1.', 22, true],
      ['Memeriksa <berkas> & "mencatat"\nbaris kedua', 143.5, false],
      ['', 80, false],
      ['30 menit', 52, true],
    ];
    const raw = await documentXml([
      new TableRow({ children: texts.map(([t, w, c]) => new RawTextCell(t, w, c).asCell()) }),
    ]);
    const built = await documentXml([
      new TableRow({ children: texts.map(([t, w, c]) => cell(t, w, { center: c })) }),
    ]);
    expect(raw).toBe(built);
  });
});

describe('PDF culling', () => {
  for (const [name, make] of snapshots) {
    it(`keeps every primitive of an SOP that fits the page (${name})`, () => {
      const layout = layoutProcedure(make(), { margin: 28 });
      for (const page of layout.pages) {
        const ops = pageOps(layout, page);
        expect(visibleOps(ops, A4.height, A4.width)).toEqual(ops);
      }
    });
  }

  it('drops the lanes past the right edge of a 300-pelaksana SOP', () => {
    const layout = layoutProcedure(bigSop({ steps: 20, actors: 300 }), { margin: 28 });
    const ops = pageOps(layout, layout.pages[0]!);
    const kept = visibleOps(ops, A4.height, A4.width);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(ops.length / 5);
  });
});

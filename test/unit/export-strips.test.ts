/**
 * Issue 12 item 3, speed without changing the output: the Word export's per-row image
 * strips are cut with a band index (same primitives as testing every primitive against
 * every row), identical strips are built once, raw body cells write the same XML as
 * `cell()`, rows sharing a strip share its cell's XML (same XML as a built cell), strips'
 * PNGs decode to the pixels drawn, and the PDF's off-page culling keeps every primitive
 * of an SOP that fits.
 */

import { Resvg } from '@resvg/resvg-js';
import { Document, Packer, Table, TableRow } from 'docx';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  cell,
  type ImageAlt,
  RawTextCell,
  SharedCellXml,
  SharedImageCell,
} from '../../server/export/docxCells';
import { laneImageCell } from '../../server/export/docxProcedure';
import { opBox, opsPerBand, overlaps, stripImages } from '../../server/export/docxStrips';
import { visibleOps } from '../../server/export/pdfOps';
import { encodePng } from '../../server/export/svgRaster';
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

async function documentFiles(rows: TableRow[]): Promise<Record<string, Uint8Array>> {
  const doc = new Document({ sections: [{ children: [new Table({ rows })] }] });
  return unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
}

async function documentXml(rows: TableRow[]): Promise<string> {
  return new TextDecoder().decode((await documentFiles(rows))['word/document.xml']);
}

describe('SharedImageCell', () => {
  const svg = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect x="10" y="5" width="60" height="30" fill="#fff" stroke="#000"/></svg>',
  );
  const png = encodePng(2, 1, Buffer.from([0, 0, 0, 255, 0, 0, 0, 0]));
  const size = { width: 160, height: 53 };
  const imageCell = (alt: ImageAlt) => laneImageCell({ svg, png, size, span: 3, width: 2400, alt });
  const alts: ImageAlt[] = [1, 2, 3].map((n) => ({
    name: `step-${n}`,
    title: `Langkah <${n}> & "kutip"`,
    description: `Langkah <${n}> & "kutip"`,
  }));
  const ids = (xml: string) => [...xml.matchAll(/<wp:docPr id="(\d+)"/g)].map((m) => m[1]);

  it('writes the XML of a freshly built cell per row, with unique drawing ids', async () => {
    const shared = new SharedCellXml(() => imageCell(alts[0]!));
    const sharedFiles = await documentFiles(
      alts.map(
        (alt) => new TableRow({ children: [new SharedImageCell(shared, alt, 2400, 3).asCell()] }),
      ),
    );
    const builtFiles = await documentFiles(
      alts.map((alt) => new TableRow({ children: [imageCell(alt)] })),
    );
    const sharedXml = new TextDecoder().decode(sharedFiles['word/document.xml']);
    const builtXml = new TextDecoder().decode(builtFiles['word/document.xml']);
    expect(new Set(ids(sharedXml)).size).toBe(3);
    const noIds = (xml: string) => xml.replace(/<wp:docPr id="\d+"/g, '<wp:docPr id="?"');
    expect(noIds(sharedXml)).toBe(noIds(builtXml));
    expect(sharedXml).toContain('title="Langkah &lt;3&gt; &amp; &quot;kutip&quot;"');
    const media = (files: Record<string, Uint8Array>) =>
      Object.keys(files)
        .filter((f) => f.startsWith('word/media/'))
        .sort();
    expect(media(sharedFiles)).toEqual(media(builtFiles));
    expect(media(sharedFiles)).toHaveLength(2);
  });
});

describe('encodePng', () => {
  /** Pixels of `svg` as resvg draws them (premultiplied RGBA). */
  const draw = (svg: string) => {
    const img = new Resvg(svg).render();
    return { width: img.width, height: img.height, pixels: img.pixels };
  };
  const cases: Array<[string, string]> = [
    [
      'grey strokes on transparent',
      '<svg xmlns="http://www.w3.org/2000/svg" width="90" height="30"><rect x="5.5" y="5.5" width="40" height="18" fill="#fff" stroke="#000"/><path d="M50 2 L85 27" stroke="#777" stroke-width="1.3"/></svg>',
    ],
    [
      'colour, half-transparent',
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect x="2" y="2" width="30" height="14" fill="#c33" fill-opacity="0.5" stroke="#36c"/></svg>',
    ],
  ];
  for (const [name, svg] of cases) {
    it(`round-trips through a PNG decoder (${name})`, () => {
      const { width, height, pixels } = draw(svg);
      const png = encodePng(width, height, pixels);
      // resvg decodes the PNG as an image covering the same canvas.
      const again = draw(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`,
      );
      expect(again.width).toBe(width);
      let worst = 0;
      for (let i = 0; i < pixels.length; i++)
        worst = Math.max(worst, Math.abs((pixels[i] as number) - (again.pixels[i] as number)));
      // Premultiplied to straight alpha and back loses at most a unit or two per channel.
      expect(worst).toBeLessThanOrEqual(2);
      expect(pixels.some((v) => v !== 0)).toBe(true);
    });
  }

  it('writes grey + alpha when every pixel is grey, RGBA otherwise', () => {
    const colourType = (png: Buffer) => png[25];
    const grey = draw(cases[0]![1]);
    const colour = draw(cases[1]![1]);
    expect(colourType(encodePng(grey.width, grey.height, grey.pixels))).toBe(4);
    expect(colourType(encodePng(colour.width, colour.height, colour.pixels))).toBe(6);
  });
});

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

/**
 * Issue 12 item 3, speed without changing the output: the Word export's per-row image
 * strips are cut with a band index (same primitives as testing every primitive against
 * every row), identical strips are built once, raw body cells write the same XML as
 * `cell()`, rows sharing a strip share its cell's XML (same XML as a built cell), strips'
 * PNGs decode to the pixels drawn, and the PDF's off-page culling keeps every primitive
 * of an SOP that fits.
 */

import { Resvg } from '@resvg/resvg-js';
import { Document, HeightRule, Packer, Table, TableRow } from 'docx';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cell, type ImageAlt, SharedCellXml } from '../../server/export/docxCells';
import { laneImageCell } from '../../server/export/docxProcedure';
import { RawRows } from '../../server/export/docxRawRows';
import { opBox, opsPerBand, overlaps, stripImages } from '../../server/export/docxStrips';
import { visibleOps } from '../../server/export/pdfOps';
import { encodePng } from '../../server/export/svgRaster';
import { packDocx } from '../../server/export/zipPackage';
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

async function documentFiles(
  rows: TableRow[],
  columnWidths?: number[],
): Promise<Record<string, Uint8Array>> {
  const doc = new Document({ sections: [{ children: [new Table({ rows, columnWidths })] }] });
  return unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
}

describe('RawRows', () => {
  const svg = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect x="10" y="5" width="60" height="30" fill="#fff" stroke="#000"/></svg>',
  );
  const png = encodePng(2, 1, Buffer.from([0, 0, 0, 255, 0, 0, 0, 0]));
  const size = { width: 160, height: 53 };
  const imageCell = (alt: ImageAlt) => laneImageCell({ svg, png, size, span: 3, width: 2400, alt });
  const rows: Array<{ texts: Array<[string, number, boolean]>; alt: ImageAlt; h: number }> = (
    [
      {
        texts: [
          ['1.', 22, true],
          ['Memeriksa <berkas> & "mencatat"\nbaris {kedua}', 143.5, false],
        ],
        h: 900,
      },
      {
        texts: [
          ['', 80, false],
          ['30 menit', 52, true],
        ],
        h: 1200,
      },
      {
        texts: [
          ['3.', 22, true],
          ["Kepala's {abc.png} \u0000x", 60, false],
        ],
        h: 641,
      },
    ] as Array<{ texts: Array<[string, number, boolean]>; h: number }>
  ).map((r, n) => ({
    ...r,
    alt: { name: `step-${n}`, title: `Langkah <${n}> & "kutip"`, description: `Langkah <${n}>` },
  }));
  const GRID = [440, 2870, 800, 800, 800];
  const ids = (xml: string) => [...xml.matchAll(/<wp:docPr id="(\d+)"/g)].map((m) => m[1]);
  const noIds = (xml: string) => xml.replace(/<wp:docPr id="\d+"/g, '<wp:docPr id="?"');
  const media = (files: Record<string, Uint8Array>) =>
    Object.keys(files)
      .filter((f) => f.startsWith('word/media/'))
      .sort();

  it('writes the XML docx writes for rows of text cells and a shared image cell', async () => {
    const raw = new RawRows();
    const shared = new SharedCellXml(() => imageCell(rows[0]!.alt));
    const rawDoc = new Document({
      sections: [
        {
          children: [
            new Table({
              columnWidths: GRID,
              rows: rows.map(
                (r) =>
                  raw.row(r.h, [
                    ...r.texts.map(([text, w, center]) => ({ text, widthTwips: w * 20, center })),
                    { image: shared, alt: r.alt },
                  ]) as unknown as TableRow,
              ),
            }),
          ],
        },
      ],
    });
    const rawFiles = unzipSync(
      await packDocx(rawDoc, async (parts) => {
        parts.set('word/document.xml', raw.fill(parts.get('word/document.xml') as string));
      }),
    );
    const builtFiles = await documentFiles(
      rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            height: { value: r.h, rule: HeightRule.ATLEAST },
            children: [
              ...r.texts.map(([text, w, center]) => cell(text, w, { center })),
              imageCell(r.alt),
            ],
          }),
      ),
      GRID,
    );
    const rawXml = new TextDecoder().decode(rawFiles['word/document.xml']);
    const builtXml = new TextDecoder().decode(builtFiles['word/document.xml']);
    expect(rawXml).not.toContain('susun:raw');
    expect(new Set(ids(rawXml)).size).toBe(3);
    expect(noIds(rawXml)).toBe(noIds(builtXml));
    expect(rawXml).toContain('title="Langkah &lt;2&gt; &amp; &quot;kutip&quot;"');
    expect(media(rawFiles)).toEqual(media(builtFiles));
    expect(media(rawFiles)).toHaveLength(2);
    expect(rawFiles['word/_rels/document.xml.rels']).toEqual(
      builtFiles['word/_rels/document.xml.rels'],
    );
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

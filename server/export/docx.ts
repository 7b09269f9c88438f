/**
 * Word export with the `docx` package: identity table, then the procedure table
 * (No, Kegiatan, Pelaksana lanes, Mutu Baku, Keterangan) with the header rows
 * repeated on every page and rows that never split.
 *
 * The flowchart: Word has no swimlane primitive and `docx` cannot emit DrawingML
 * shapes, so each step row carries one image spanning the lane columns, cut from
 * the same geometry the PDF uses (unpaginated, so Word paginates rows itself and
 * no off-page connectors are drawn). The image is SVG (Word 2016+) with a PNG
 * fallback from our own rasteriser. Strips stack into one continuous chart as
 * long as Word keeps the row heights we ask for (at-least heights equal to ours).
 */

import {
  AlignmentType,
  BorderStyle,
  Document,
  HeightRule,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { type DrawOp, pageOps } from '../../shared/flowchart/drawOps';
import { formatDate, labelsId, type OutputLabels } from '../../shared/flowchart/labels';
import { layoutProcedure } from '../../shared/flowchart/layout';
import { opsToSvg } from '../../shared/flowchart/svg';
import type { Box } from '../../shared/flowchart/types';
import type { SopSnapshot } from '../../shared/model/types';
import { opsToPng } from './raster';

const TW = 20; // twips per point
const PX = 96 / 72; // docx image sizes are in 96-dpi pixels
const SIZE = 15; // half-points (7.5 pt)
const GREY = 'E8E8E8';

function para(
  text: string,
  opts: { bold?: boolean; center?: boolean; size?: number } = {},
): Paragraph[] {
  return (text || '').split('\n').map(
    (line) =>
      new Paragraph({
        alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        spacing: { before: 0, after: 0 },
        children: [
          new TextRun({
            text: line,
            bold: opts.bold ?? false,
            size: opts.size ?? SIZE,
            font: 'Arial',
          }),
        ],
      }),
  );
}

function cell(
  text: string,
  widthPt: number,
  opts: {
    bold?: boolean;
    center?: boolean;
    header?: boolean;
    colSpan?: number;
    rowSpan?: number;
    size?: number;
  } = {},
): TableCell {
  return new TableCell({
    width: { size: Math.round(widthPt * TW), type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
    ...(opts.colSpan ? { columnSpan: opts.colSpan } : {}),
    ...(opts.rowSpan ? { rowSpan: opts.rowSpan } : {}),
    ...(opts.header ? { shading: { fill: GREY, type: ShadingType.CLEAR, color: 'auto' } } : {}),
    children: para(text, {
      bold: opts.bold ?? opts.header ?? false,
      center: opts.center ?? opts.header ?? false,
      size: opts.size ?? SIZE,
    }),
  });
}

function list(items: string[]): string {
  const clean = items.map((s) => s.trim()).filter(Boolean);
  return clean.length ? clean.map((s, i) => `${i + 1}. ${s}`).join('\n') : '-';
}

/** Bounding box of a primitive, to keep only the ones inside an image strip. */
function opBox(o: DrawOp): Box {
  if (o.op === 'rect' || o.op === 'capsule') return o.box;
  if (o.op === 'text') return { x: o.x - 40, y: o.y - o.size, w: 80, h: o.size + 2 };
  const xs = o.points.map((p) => p.x);
  const ys = o.points.map((p) => p.y);
  return {
    x: Math.min(...xs),
    y: Math.min(...ys),
    w: Math.max(...xs) - Math.min(...xs),
    h: Math.max(...ys) - Math.min(...ys),
  };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x <= b.x + b.w && a.x + a.w >= b.x && a.y <= b.y + b.h && a.y + a.h >= b.y;
}

function identityTables(s: SopSnapshot, labels: OutputLabels, widthPt: number): Table[] {
  const L = labels.identity;
  const id = s.identity;
  const leftW = widthPt * 0.46;
  const labelW = widthPt * 0.17;
  const valueW = widthPt - leftW - labelW;
  const ab = id.approvedBy;
  const fields: Array<[string, string]> = [
    [L.number, id.number],
    [L.createdDate, formatDate(id.createdDate, labels)],
    [L.revisedDate, formatDate(id.revisedDate, labels)],
    [L.effectiveDate, formatDate(id.effectiveDate, labels)],
    [L.approvedBy, `${ab.title}\n\n\n${ab.name}\n${L.nip}. ${ab.nip}`],
    [L.name, id.name],
  ];
  const names = [`[${L.logo}]`, '', id.agency.toUpperCase(), id.unit.toUpperCase()].join('\n');
  const top = new Table({
    width: { size: Math.round(widthPt * TW), type: WidthType.DXA },
    columnWidths: [leftW, labelW, valueW].map((w) => Math.round(w * TW)),
    rows: fields.map(
      ([label, value], i) =>
        new TableRow({
          children: [
            ...(i === 0
              ? [cell(names, leftW, { rowSpan: fields.length, bold: true, center: true, size: 20 })]
              : []),
            cell(label, labelW, { bold: true, size: 18 }),
            cell(value || '-', valueW, {
              bold: label === L.name,
              size: label === L.name ? 20 : 18,
            }),
          ],
        }),
    ),
  });
  const related = id.relatedSops.map((r) => `${r.text} (${L.relatedTypes[r.type]})`);
  const pairs: Array<[string, string[], string, string[]]> = [
    [L.legalBasis, id.legalBasis, L.executorQualifications, id.executorQualifications],
    [L.relatedSops, related, L.equipment, id.equipment],
    [L.warnings, id.warnings, L.records, id.records],
  ];
  const half = widthPt / 2;
  const boxes = new Table({
    width: { size: Math.round(widthPt * TW), type: WidthType.DXA },
    columnWidths: [half, half].map((w) => Math.round(w * TW)),
    rows: pairs.flatMap(([la, a, lb, b]) => [
      new TableRow({
        children: [
          cell(`${la}:`, half, { header: true, center: false, size: 18 }),
          cell(`${lb}:`, half, { header: true, center: false, size: 18 }),
        ],
      }),
      new TableRow({
        height: { value: 900, rule: HeightRule.ATLEAST },
        children: [cell(list(a), half, { size: 18 }), cell(list(b), half, { size: 18 })],
      }),
    ]),
  });
  return [top, boxes];
}

function procedureTable(s: SopSnapshot, labels: OutputLabels): { table: Table; total: string } {
  const layout = layoutProcedure(s, { labels, pageHeight: Number.POSITIVE_INFINITY });
  const page = layout.pages[0]!;
  const ops = pageOps(layout, page, labels);
  const cols = layout.columns;
  const lanes = cols.filter((c) => c.key === 'lane');
  const laneX = lanes[0]!.x;
  const laneW = lanes.reduce((a, c) => a + c.w, 0);
  const w = (key: string) => cols.find((c) => c.key === key)!.w;
  const h1 = [
    cell(labels.no, w('no'), { header: true, rowSpan: 2 }),
    cell(labels.activity, w('activity'), { header: true, rowSpan: 2 }),
    cell(labels.actors, laneW, { header: true, colSpan: lanes.length }),
    cell(labels.qualityStandard, w('requirements') + w('time') + w('output'), {
      header: true,
      colSpan: 3,
    }),
    cell(labels.notes, w('notes'), { header: true, rowSpan: 2 }),
  ];
  const h2 = [
    ...lanes.map((c) => cell(s.actors[c.laneIndex ?? 0]?.name ?? '', c.w, { header: true })),
    cell(labels.requirements, w('requirements'), { header: true }),
    cell(labels.time, w('time'), { header: true }),
    cell(labels.output, w('output'), { header: true }),
  ];
  const rows = page.rows.map((row) => {
    const view = { x: laneX, y: row.y, w: laneW, h: row.h };
    const inside = ops.filter((o) => overlaps(opBox(o), view));
    const svg = Buffer.from(opsToSvg(inside, view.w, view.h, view), 'utf8');
    const png = opsToPng(inside, view, 2);
    const size = { width: Math.round(view.w * PX), height: Math.round(view.h * PX) };
    const text = (key: string) => row.cells.find((c) => c.key === key)?.lines.join(' ') ?? '';
    const step = s.steps[row.index]!;
    return new TableRow({
      cantSplit: true,
      height: { value: Math.round(row.h * TW), rule: HeightRule.ATLEAST },
      children: [
        cell(`${row.number}.`, w('no'), { center: true }),
        cell(step.activity, w('activity')),
        new TableCell({
          columnSpan: lanes.length,
          width: { size: Math.round(laneW * TW), type: WidthType.DXA },
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
          verticalAlign: VerticalAlign.TOP,
          borders: {
            top: { style: BorderStyle.NONE, size: 0, color: 'auto' },
            bottom: { style: BorderStyle.NONE, size: 0, color: 'auto' },
          },
          children: [
            new Paragraph({
              spacing: { before: 0, after: 0, line: 240 },
              children: [
                new ImageRun({
                  type: 'svg',
                  data: svg,
                  transformation: size,
                  fallback: { type: 'png', data: png },
                  altText: {
                    name: `step-${row.number}`,
                    title: step.activity,
                    description: step.activity,
                  },
                }),
              ],
            }),
          ],
        }),
        cell(step.requirements, w('requirements')),
        cell(text('time'), w('time'), { center: true }),
        cell(step.output, w('output')),
        cell(step.notes, w('notes')),
      ],
    });
  });
  const table = new Table({
    width: { size: Math.round(cols.reduce((a, c) => a + c.w, 0) * TW), type: WidthType.DXA },
    columnWidths: cols.map((c) => Math.round(c.w * TW)),
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: h1 }),
      new TableRow({ tableHeader: true, cantSplit: true, children: h2 }),
      ...rows,
    ],
  });
  return { table, total: page.footer?.lines.join(' ') ?? '' };
}

/** Render the SOP to a .docx buffer (identity section, then the procedure section). */
export async function renderDocx(
  snapshot: SopSnapshot,
  options: { labels?: OutputLabels } = {},
): Promise<Buffer> {
  const labels = options.labels ?? labelsId;
  const margin = 28 * TW;
  const page = {
    size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE },
    margin: { top: margin, bottom: margin, left: margin, right: margin },
  };
  const contentW = 841.89 - 56;
  const { table, total } = procedureTable(snapshot, labels);
  const title = [snapshot.identity.name, snapshot.identity.number].filter(Boolean).join(' — ');
  const doc = new Document({
    creator: 'Susun',
    title: snapshot.identity.name || 'SOP',
    styles: { default: { document: { run: { font: 'Arial', size: SIZE } } } },
    sections: [
      { properties: { page }, children: identityTables(snapshot, labels, contentW) },
      {
        properties: { page },
        children: [
          ...para(title, { bold: true, size: 18 }),
          new Paragraph({ spacing: { before: 0, after: 80 }, children: [] }),
          table,
          ...para(total, { bold: true }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

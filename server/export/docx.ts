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
  Document,
  HeightRule,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableRow,
  WidthType,
} from 'docx';
import { formatDate, labelsId, type OutputLabels } from '../../shared/flowchart/labels';
import type { SopSnapshot } from '../../shared/model/types';
import { CELL_MARGINS, cell, DOC_DEFAULTS, para, TW } from './docxCells';
import { procedureTable } from './docxProcedure';

function list(items: string[]): string {
  const clean = items.map((s) => s.trim()).filter(Boolean);
  return clean.length ? clean.map((s, i) => `${i + 1}. ${s}`).join('\n') : '-';
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
    margins: CELL_MARGINS,
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
    margins: CELL_MARGINS,
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
    styles: { default: DOC_DEFAULTS },
    sections: [
      { properties: { page }, children: identityTables(snapshot, labels, contentW) },
      {
        properties: { page },
        children: [
          ...para(title, { bold: true, size: 18 }),
          new Paragraph({ spacing: { after: 80 }, children: [] }),
          table,
          ...para(total, { bold: true }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

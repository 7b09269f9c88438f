/**
 * The identity section of the Word export (sop-format §1): the agency's letterhead
 * (kop) as centred paragraphs over a double rule, then the identity table (logo,
 * agency and unit names and the verification QR code on the left; the six fields on
 * the right) and the three rows of paired list boxes. Word grows the rows with their
 * text and carries a table over to the next page itself, so nothing is clipped.
 */

import {
  AlignmentType,
  BorderStyle,
  HeightRule,
  ImageRun,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { formatDate, type OutputLabels } from '../../shared/flowchart/labels';
import type { Identity } from '../../shared/model/types';
import { CELL_MARGINS, cell, para, TW } from './docxCells';
import type { LogoImage, OfficialAssets, QrMark } from './official';

const PX = 96 / 72; // docx image sizes are in 96-dpi pixels
const LOGO_PT = 64;
const QR_PT = 56;
/** Width of the QR code's column in the approver's row (its code line is wider than it). */
const QR_COL = 80;
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;

/** A list box: numbered items from the top, a little smaller than the fields. */
const listCell = (text: string, widthPt: number) => cell(text, widthPt, { size: 17, top: true });

function list(items: string[]): string {
  const clean = items.map((s) => s.trim()).filter(Boolean);
  return clean.length ? clean.map((s, i) => `${i + 1}. ${s}`).join('\n') : '-';
}

/** Letterhead paragraphs: centred, agency lines bold, a thick-thin rule under the last. */
export function kopParagraphs(kop: OfficialAssets['kop']): Paragraph[] {
  return kop.map(
    (k, i) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        ...(i === kop.length - 1
          ? {
              border: {
                bottom: {
                  style: BorderStyle.THICK_THIN_SMALL_GAP,
                  size: 18,
                  color: '000000',
                  space: 4,
                },
              },
              spacing: { after: 160 },
            }
          : {}),
        children: [new TextRun({ text: k.text, bold: k.bold, size: Math.round(k.size * 2) })],
      }),
  );
}

function logoRun(logo: LogoImage): ImageRun {
  const scale = Math.min(LOGO_PT / logo.width, LOGO_PT / logo.height);
  const transformation = {
    width: Math.round(logo.width * scale * PX),
    height: Math.round(logo.height * scale * PX),
  };
  const altText = { name: 'logo', title: 'Logo', description: 'Logo' };
  return logo.svg
    ? new ImageRun({
        type: 'svg',
        data: logo.svg,
        transformation,
        fallback: { type: 'png', data: logo.png },
        altText,
      })
    : new ImageRun({ type: 'png', data: logo.png, transformation, altText });
}

/** The left block: logo, agency and unit names. */
function brandCell(
  id: Identity,
  official: OfficialAssets,
  widthPt: number,
  rows: number,
): TableCell {
  const children: Paragraph[] = [];
  if (official.logo)
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 120 },
        children: [logoRun(official.logo)],
      }),
    );
  const names = [id.agency, id.unit].map((s) => s.trim().toUpperCase()).filter(Boolean);
  for (const n of names.length ? names : ['-'])
    children.push(...para(n, { bold: true, center: true, size: 22 }));
  return new TableCell({
    width: { size: Math.round(widthPt * TW), type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    rowSpan: rows,
    children,
  });
}

/**
 * The verification QR code and its short code, a cell at the right of the approver
 * ("Disahkan oleh"): it proves that approval.
 */
function qrCell(qr: QrMark, labels: OutputLabels, widthPt: number): TableCell {
  const side = Math.round(QR_PT * PX);
  return new TableCell({
    width: { size: Math.round(widthPt * TW), type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    borders: { left: NO_BORDER },
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new ImageRun({
            type: 'png',
            data: qr.png,
            transformation: { width: side, height: side },
            altText: { name: 'qr', title: labels.identity.verificationCode, description: qr.url },
          }),
        ],
      }),
      ...para(`${labels.identity.verificationCode}:`, { center: true, size: 13 }),
      ...para(qr.code, { center: true, bold: true, size: 14 }),
    ],
  });
}

/** The identity section: letterhead paragraphs, the identity table and the list boxes. */
export function identitySection(
  s: { identity: Identity },
  labels: OutputLabels,
  widthPt: number,
  official: OfficialAssets,
): Array<Paragraph | Table> {
  const L = labels.identity;
  const id = s.identity;
  const leftW = widthPt * 0.46;
  const labelW = widthPt * 0.17;
  const valueW = widthPt - leftW - labelW;
  const qr = official.qr;
  const qrW = qr ? QR_COL : 0;
  const ab = id.approvedBy;
  const fields: Array<[string, string, number]> = [
    [L.number, id.number, 440],
    [L.createdDate, formatDate(id.createdDate, labels), 440],
    [L.revisedDate, formatDate(id.revisedDate, labels), 440],
    [L.effectiveDate, formatDate(id.effectiveDate, labels), 440],
    [L.approvedBy, `${ab.title || '…'}\n\n\n\n${ab.name || '…'}\n${L.nip}. ${ab.nip || '…'}`, 1840],
    [L.name, id.name, 680],
  ];
  const top = new Table({
    width: { size: Math.round(widthPt * TW), type: WidthType.DXA },
    columnWidths: [leftW, labelW, valueW - qrW, ...(qr ? [qrW] : [])].map((w) =>
      Math.round(w * TW),
    ),
    margins: CELL_MARGINS,
    rows: fields.map(([label, value, h], i) => {
      const approver = label === L.approvedBy;
      const valueCell = cell(value || '-', approver && qr ? valueW - qrW : valueW, {
        bold: label === L.name,
        size: label === L.name ? 20 : 18,
        ...(qr && !approver ? { colSpan: 2 } : {}),
        ...(qr && approver ? { open: ['right' as const] } : {}),
      });
      return new TableRow({
        height: { value: h, rule: HeightRule.ATLEAST },
        children: [
          ...(i === 0 ? [brandCell(id, official, leftW, fields.length)] : []),
          cell(label, labelW, { bold: true, size: 18 }),
          ...(approver && qr ? [valueCell, qrCell(qr, labels, qrW)] : [valueCell]),
        ],
      });
    }),
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
        cantSplit: true,
        children: [
          cell(`${la}:`, half, { header: true, center: false, size: 18 }),
          cell(`${lb}:`, half, { header: true, center: false, size: 18 }),
        ],
      }),
      new TableRow({
        height: { value: 900, rule: HeightRule.ATLEAST },
        children: [listCell(list(a), half), listCell(list(b), half)],
      }),
    ]),
  });
  return [...kopParagraphs(official.kop), top, new Paragraph({ children: [] }), boxes];
}

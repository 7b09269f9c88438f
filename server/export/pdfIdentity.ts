/// <reference types="pdfkit" />
/**
 * The identity page (Bagian Identitas, sop-format §1) drawn with pdfkit: the
 * agency's letterhead (kop) over it when one is set; on the left the logo, the
 * agency and unit names and, for an approved version, the verification QR code;
 * on the right the six identity fields; then three rows of paired list boxes.
 *
 * Nothing is clipped (issue 14): every cell grows with its text, and what does not
 * fit the page continues on the next (rows move whole when they fit a page, and are
 * split between lines when they do not).
 */

import { formatDate, type OutputLabels } from '../../shared/flowchart/labels';
import type { Identity } from '../../shared/model/types';
import type { OfficialAssets, QrMark } from './official';
import {
  drawLines,
  drawRow,
  Flow,
  type Line,
  lineHeight,
  PAD,
  type Row,
  rowHeight,
  textLines,
} from './pdfRows';
import { winAnsi } from './printable';

const SIZE = 9;
/** The paired list boxes' text. */
const LIST_SIZE = 8.5;
const LOGO = 64;
/** Side of the QR code, and the width of its column (its code line is wider). */
const QR = 56;
const QR_W = 76;
/** Room left for a signature and stamp in the "Disahkan oleh" cell. */
const SIGNATURE = 40;
const PAIR_HEAD = 18;

type Area = { x: number; y: number; w: number; h: number };

/** Numbered list text ("1. …\n2. …"), or "-" when empty. */
function list(items: string[]): string {
  const clean = items.map((s) => s.trim()).filter(Boolean);
  if (clean.length === 0) return '-';
  return clean.map((s, i) => `${i + 1}. ${s}`).join('\n');
}

/** The letterhead: centred lines, then a thick and a thin rule. Returns the y under it. */
function drawKop(doc: PDFKit.PDFDocument, kop: OfficialAssets['kop'], area: Area): number {
  if (kop.length === 0) return area.y;
  const lines: Line[] = kop.flatMap((k) =>
    textLines(winAnsi(k.text), area.w - 2 * PAD, k.size, k.bold),
  );
  const h = lines.reduce((a, l) => a + lineHeight(l), 0);
  drawLines(doc, lines, area.x, area.y - PAD, area.w, h + 2 * PAD, 'center', 'top');
  const y = area.y + h + 3;
  doc
    .lineWidth(1.6)
    .moveTo(area.x, y)
    .lineTo(area.x + area.w, y)
    .stroke();
  doc
    .lineWidth(0.5)
    .moveTo(area.x, y + 2.4)
    .lineTo(area.x + area.w, y + 2.4)
    .stroke();
  return y + 10;
}

/** The left block's content: logo, agency and unit names; its height. */
function brandContent(identity: Identity, official: OfficialAssets, w: number) {
  const names = [identity.agency, identity.unit]
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean)
    .flatMap((s) => textLines(s, w - 2 * PAD, 11, true));
  const logoH = official.logo ? LOGO + 10 : 0;
  const namesH = names.reduce((a, l) => a + lineHeight(l), 0);
  return { names, logoH, namesH, total: logoH + namesH + 2 * PAD + 16 };
}

function drawBrand(
  doc: PDFKit.PDFDocument,
  identity: Identity,
  official: OfficialAssets,
  cell: Area,
) {
  const b = brandContent(identity, official, cell.w);
  let y = cell.y + Math.max(PAD + 8, (cell.h - (b.logoH + b.namesH)) / 2);
  const cx = cell.x + cell.w / 2;
  if (official.logo) {
    const { width, height } = official.logo;
    const scale = Math.min(LOGO / width, LOGO / height);
    const w = width * scale;
    const h = height * scale;
    try {
      doc.image(official.logo.png, cx - w / 2, y + (LOGO - h) / 2, { width: w, height: h });
    } catch {
      // A PNG pdfkit cannot decode: the cell stays empty rather than the export failing.
    }
    y += b.logoH;
  }
  drawLines(doc, b.names, cell.x, y - PAD, cell.w, b.namesH + 2 * PAD, 'center', 'top');
}

/** Lines under the QR code: "Kode verifikasi:" and the code. */
function codeLines(qr: QrMark, labels: OutputLabels): Line[] {
  return [
    { text: `${labels.identity.verificationCode}:`, size: 6.5 },
    { text: winAnsi(qr.code), size: 7, bold: true },
  ];
}

/**
 * The verification QR code (of the public page's URL) with its short code under it,
 * at the right of the "Disahkan oleh" cell: it proves that approval.
 */
function drawQr(doc: PDFKit.PDFDocument, qr: QrMark, labels: OutputLabels, cell: Area): void {
  const lines = codeLines(qr, labels);
  const textH = lines.reduce((a, l) => a + lineHeight(l), 0);
  const x = cell.x + cell.w - PAD - QR_W;
  const y = cell.y + Math.max(PAD, (cell.h - QR - textH) / 2);
  const m = QR / qr.size;
  const x0 = x + (QR_W - QR) / 2;
  // Runs of dark modules per row: one rectangle each, crisp at any zoom.
  for (let r = 0; r < qr.size; r++) {
    let c = 0;
    while (c < qr.size) {
      if (!qr.dark(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < qr.size && qr.dark(r, c)) c++;
      doc.rect(x0 + start * m, y + r * m, (c - start) * m, m);
    }
  }
  doc.fill('#000');
  drawLines(
    doc,
    lines,
    x - PAD,
    y + QR + 2 - PAD,
    QR_W + 2 * PAD,
    textH + 2 * PAD,
    'center',
    'top',
  );
}

/** Draw the identity section from the top of the current (landscape A4) page on. */
export function drawIdentityPage(
  doc: PDFKit.PDFDocument,
  identity: Identity,
  labels: OutputLabels,
  area: Area,
  official: OfficialAssets,
): void {
  const L = labels.identity;
  const leftW = area.w * 0.46;
  const labelW = area.w * 0.17;
  const labelX = area.x + leftW;
  const valueX = labelX + labelW;
  const valueW = area.w - leftW - labelW;
  const inner = (w: number) => w - 2 * PAD;
  const ab = identity.approvedBy;
  const qr = official.qr;
  const approverW = inner(valueW) - (qr ? QR_W + PAD : 0);
  const approver: Line[] = [
    ...textLines(ab.title || '…', approverW, SIZE, true),
    ...textLines(ab.name || '…', approverW, SIZE, true).map((l, i) =>
      i === 0 ? { ...l, gap: SIGNATURE } : l,
    ),
    ...textLines(`${L.nip}. ${ab.nip || '…'}`, approverW, SIZE),
  ];
  const qrH = qr ? QR + 4 + codeLines(qr, labels).reduce((a, l) => a + lineHeight(l), 0) : 0;
  const field = (label: string, value: Line[], minH = 21): Row => ({
    minH,
    cells: [
      { x: labelX, w: labelW, lines: textLines(label, inner(labelW), SIZE, true) },
      { x: valueX, w: valueW, lines: value },
    ],
  });
  const plain = (v: string) => textLines(v || '-', inner(valueW), SIZE);
  const rows: Row[] = [
    field(L.number, plain(identity.number)),
    field(L.createdDate, plain(formatDate(identity.createdDate, labels))),
    field(L.revisedDate, plain(formatDate(identity.revisedDate, labels))),
    field(L.effectiveDate, plain(formatDate(identity.effectiveDate, labels))),
    {
      ...field(L.approvedBy, approver, Math.max(92, qrH + 2 * PAD)),
      // The QR code in the approver's cell (its first piece when the cell is split).
      ...(qr
        ? {
            decorate: (p: { top: number; bottom: number }, i: number) => {
              if (i === 0)
                drawQr(doc, qr, labels, { x: valueX, y: p.top, w: valueW, h: p.bottom - p.top });
            },
          }
        : {}),
    },
    field(L.name, textLines(identity.name || '-', inner(valueW), 10, true), 34),
  ];
  // The left block spans the field rows: the last row grows when the block needs more.
  const need = brandContent(identity, official, leftW).total;
  const fieldsH = rows.reduce((a, r) => a + rowHeight(r), 0);
  const last = rows[rows.length - 1]!;
  if (need > fieldsH) last.minH = rowHeight(last) + (need - fieldsH);

  const top = drawKop(doc, official.kop, area);
  const flow = new Flow(doc, area.y, area.y + area.h, top);
  // The left block is boxed on every page the field rows run over, its content on the
  // first; rows split in place until that first piece is tall enough for the content.
  let chunkTop = top;
  let first = true;
  const closeChunk = (bottom: number) => {
    if (bottom - chunkTop < 0.01) return;
    const cell = { x: area.x, y: chunkTop, w: leftW, h: bottom - chunkTop };
    doc.lineWidth(0.7).rect(cell.x, cell.y, cell.w, cell.h).stroke();
    if (first) drawBrand(doc, identity, official, cell);
    first = false;
  };
  flow.beforeNewPage = (filledTo) => {
    closeChunk(filledTo);
    chunkTop = flow.top;
  };
  for (const row of rows) drawRow(doc, flow, row, { splitHere: first && flow.y - chunkTop < need });
  closeChunk(flow.y);
  flow.beforeNewPage = null;

  // Three rows of paired list boxes.
  const related = identity.relatedSops.map((r) => `${r.text} (${L.relatedTypes[r.type]})`);
  const pairs: Array<[string, string[], string, string[]]> = [
    [L.legalBasis, identity.legalBasis, L.executorQualifications, identity.executorQualifications],
    [L.relatedSops, related, L.equipment, identity.equipment],
    [L.warnings, identity.warnings, L.records, identity.records],
  ];
  const halfW = area.w / 2;
  const pairRows: Row[] = pairs.map(([la, a, lb, b]) => ({
    minH: 36,
    head: {
      h: PAIR_HEAD,
      cells: [
        { x: area.x, w: halfW, lines: textLines(`${la}:`, inner(halfW), SIZE, true) },
        { x: area.x + halfW, w: halfW, lines: textLines(`${lb}:`, inner(halfW), SIZE, true) },
      ],
    },
    cells: [
      { x: area.x, w: halfW, lines: textLines(list(a), inner(halfW), LIST_SIZE), valign: 'top' },
      {
        x: area.x + halfW,
        w: halfW,
        lines: textLines(list(b), inner(halfW), LIST_SIZE),
        valign: 'top',
      },
    ],
  }));
  // Spread what is left of the page over the box rows (up to a sensible height).
  const spare = flow.room - pairRows.reduce((a, r) => a + rowHeight(r), 0);
  const extra = spare > 0 ? Math.min(60, spare / 3) : 0;
  for (const row of pairRows) drawRow(doc, flow, row, { extra });
}

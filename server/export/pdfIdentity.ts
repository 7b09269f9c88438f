/// <reference types="pdfkit" />
/**
 * The identity page (Bagian Identitas, sop-format §1) drawn with pdfkit:
 * logo slot and agency/unit names on the left, the six identity fields on the
 * right, then three rows of paired list boxes.
 */

import { formatDate, type OutputLabels } from '../../shared/flowchart/labels';
import type { Identity } from '../../shared/model/types';
import { FONT, FONT_BOLD } from './pdfOps';
import { pdfText } from './pdfText';

const PAD = 5;
const SIZE = 9;

interface Cell {
  x: number;
  y: number;
  w: number;
  h: number;
}

function box(doc: PDFKit.PDFDocument, c: Cell, fill?: string): void {
  doc.lineWidth(0.7).rect(c.x, c.y, c.w, c.h);
  if (fill) doc.fillAndStroke(fill, '#000');
  else doc.stroke();
  doc.fillColor('#000');
}

function write(
  doc: PDFKit.PDFDocument,
  raw: string,
  c: Cell,
  opts: {
    bold?: boolean;
    size?: number;
    align?: 'left' | 'center';
    valign?: 'top' | 'middle';
  } = {},
): void {
  const size = opts.size ?? SIZE;
  doc.font(opts.bold ? FONT_BOLD : FONT).fontSize(size);
  const width = c.w - 2 * PAD;
  const safe = pdfText(raw, width, size, opts.bold);
  const h = doc.heightOfString(safe, { width });
  const y = opts.valign === 'top' ? c.y + PAD : c.y + Math.max(PAD / 2, (c.h - h) / 2);
  // Text taller than its box is cut with an ellipsis, never silently.
  doc.text(safe, c.x + PAD, y, {
    width,
    align: opts.align ?? 'left',
    height: c.h - PAD,
    ellipsis: true,
  });
}

/** Numbered list text ("1. …\n2. …"), or "-" when empty. */
function list(items: string[]): string {
  const clean = items.map((s) => s.trim()).filter(Boolean);
  if (clean.length === 0) return '-';
  return clean.map((s, i) => `${i + 1}. ${s}`).join('\n');
}

/** Draw the identity page on the current (landscape A4) page. */
export function drawIdentityPage(
  doc: PDFKit.PDFDocument,
  identity: Identity,
  labels: OutputLabels,
  area: { x: number; y: number; w: number; h: number },
): void {
  const L = labels.identity;
  const leftW = area.w * 0.46;
  const labelW = area.w * 0.17;
  const valueX = area.x + leftW + labelW;
  const valueW = area.w - leftW - labelW;
  const ab = identity.approvedBy;
  const fields: Array<[string, string, number]> = [
    [L.number, identity.number, 22],
    [L.createdDate, formatDate(identity.createdDate, labels), 22],
    [L.revisedDate, formatDate(identity.revisedDate, labels), 22],
    [L.effectiveDate, formatDate(identity.effectiveDate, labels), 22],
    [L.approvedBy, '', 92],
    [L.name, identity.name, 34],
  ];
  let y = area.y;
  const top = y;
  for (const [label, value, h] of fields) {
    box(doc, { x: area.x + leftW, y, w: labelW, h });
    write(doc, label, { x: area.x + leftW, y, w: labelW, h }, { bold: true });
    const cell = { x: valueX, y, w: valueW, h };
    box(doc, cell);
    if (label === L.approvedBy) {
      write(doc, ab.title || '…', { ...cell, h: 18 }, { bold: true, valign: 'top' });
      const nameY = y + h - 34;
      write(doc, ab.name || '…', { ...cell, y: nameY, h: 16 }, { bold: true });
      write(doc, `${L.nip}. ${ab.nip || '…'}`, { ...cell, y: nameY + 14, h: 16 });
    } else {
      write(doc, value || '-', cell, {
        bold: label === L.name,
        size: label === L.name ? 10 : SIZE,
      });
    }
    y += h;
  }
  // Left block: logo slot, agency and unit names, spanning the field rows.
  const left = { x: area.x, y: top, w: leftW, h: y - top };
  box(doc, left);
  const logo = { x: area.x + leftW / 2 - 32, y: top + 14, w: 64, h: 64 };
  doc.lineWidth(0.5).dash(2, { space: 2 }).rect(logo.x, logo.y, logo.w, logo.h).stroke().undash();
  write(doc, L.logo, logo, { align: 'center', size: 8 });
  const names = [identity.agency, identity.unit].filter(Boolean).join('\n').toUpperCase() || '-';
  write(
    doc,
    names,
    { x: area.x, y: logo.y + logo.h + 8, w: leftW, h: left.h - logo.h - 30 },
    {
      bold: true,
      align: 'center',
      size: 11,
      valign: 'top',
    },
  );

  // Three rows of paired list boxes.
  const related = identity.relatedSops.map((r) => `${r.text} (${L.relatedTypes[r.type]})`);
  const pairs: Array<[string, string[], string, string[]]> = [
    [L.legalBasis, identity.legalBasis, L.executorQualifications, identity.executorQualifications],
    [L.relatedSops, related, L.equipment, identity.equipment],
    [L.warnings, identity.warnings, L.records, identity.records],
  ];
  const halfW = area.w / 2;
  const head = 18;
  doc.font(FONT).fontSize(SIZE);
  const needs = pairs.map(([, a, , b]) =>
    Math.max(
      36,
      Math.max(
        doc.heightOfString(pdfText(list(a), halfW - 2 * PAD, SIZE), { width: halfW - 2 * PAD }),
        doc.heightOfString(pdfText(list(b), halfW - 2 * PAD, SIZE), { width: halfW - 2 * PAD }),
      ) +
        2 * PAD,
    ),
  );
  // Spread the rest of the page over the three box rows (up to a sensible height).
  const spare = area.y + area.h - y - needs.reduce((s, h) => s + h + head, 0);
  const extra = Math.max(0, Math.min(60, spare / 3));
  pairs.forEach(([la, a, lb, b], r) => {
    const bodyH = Math.min((needs[r] ?? 36) + extra, area.h - head);
    if (y + head + bodyH > area.y + area.h + 0.5) {
      // A pair of boxes never splits: long lists continue on another landscape page.
      doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
      y = area.y;
    }
    for (const [i, label, items] of [
      [0, la, a],
      [1, lb, b],
    ] as const) {
      const x = area.x + i * halfW;
      box(doc, { x, y, w: halfW, h: head }, '#e8e8e8');
      write(doc, `${label}:`, { x, y, w: halfW, h: head }, { bold: true });
      box(doc, { x, y: y + head, w: halfW, h: bodyH });
      write(doc, list([...items]), { x, y: y + head, w: halfW, h: bodyH }, { valign: 'top' });
    }
    y += head + bodyH;
  });
}

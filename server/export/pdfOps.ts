/// <reference types="pdfkit" />
/**
 * Draws the shared drawing primitives (shared/flowchart/drawOps) with pdfkit,
 * so the PDF shows exactly the geometry the browser shows.
 */

import type { DrawOp } from '../../shared/flowchart/drawOps';
import type { Point } from '../../shared/flowchart/types';

/** Standard-14 fonts: no font files needed, Latin text (WinAnsi) only. */
export const FONT = 'Helvetica';
export const FONT_BOLD = 'Helvetica-Bold';

function path(doc: PDFKit.PDFDocument, points: Point[], close: boolean): void {
  const [first, ...rest] = points;
  if (!first) return;
  doc.moveTo(first.x, first.y);
  for (const p of rest) doc.lineTo(p.x, p.y);
  if (close) doc.closePath();
}

/** Paint primitives onto the current page. */
export function drawOps(doc: PDFKit.PDFDocument, ops: DrawOp[]): void {
  doc.strokeColor('#000').lineJoin('miter');
  for (const o of ops) {
    switch (o.op) {
      case 'rect': {
        doc.lineWidth(o.lineWidth).rect(o.box.x, o.box.y, o.box.w, o.box.h);
        if (o.fill && o.stroke) doc.fillAndStroke(o.fill, '#000');
        else if (o.fill) doc.fill(o.fill);
        else if (o.stroke) doc.stroke();
        break;
      }
      case 'capsule':
        doc
          .lineWidth(o.lineWidth)
          .roundedRect(o.box.x, o.box.y, o.box.w, o.box.h, o.box.h / 2)
          .fillAndStroke(o.fill, '#000');
        break;
      case 'polygon':
        path(doc, o.points, true);
        if (o.lineWidth > 0) doc.lineWidth(o.lineWidth).fillAndStroke(o.fill, '#000');
        else doc.fill(o.fill);
        break;
      case 'polyline':
        path(doc, o.points, false);
        doc.lineWidth(o.lineWidth).stroke();
        break;
      case 'text': {
        doc
          .font(o.bold ? FONT_BOLD : FONT)
          .fontSize(o.size)
          .fillColor('#000');
        const w = doc.widthOfString(o.text);
        const x = o.anchor === 'middle' ? o.x - w / 2 : o.anchor === 'end' ? o.x - w : o.x;
        doc.text(o.text, x, o.y, { lineBreak: false, baseline: 'alphabetic' });
        break;
      }
    }
  }
  doc.fillColor('#000');
}

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

/**
 * The primitives that can show on a `width` × `height` page. An SOP with more
 * pelaksana than fit across the page lays lanes out far past its right edge;
 * the viewer clips them anyway, and painting them made a 2,000-pelaksana PDF
 * take minutes. Boxes are generous (line widths, kerning), so nothing visible
 * is dropped.
 */
export function visibleOps(ops: DrawOp[], width: number, height: number): DrawOp[] {
  const slack = 4;
  const inside = (x0: number, y0: number, x1: number, y1: number) =>
    x1 >= -slack && x0 <= width + slack && y1 >= -slack && y0 <= height + slack;
  return ops.filter((o) => {
    switch (o.op) {
      case 'rect':
      case 'capsule':
        return inside(o.box.x, o.box.y, o.box.x + o.box.w, o.box.y + o.box.h);
      case 'text': {
        const w = o.width + o.size;
        const x0 = o.anchor === 'start' ? o.x : o.anchor === 'middle' ? o.x - w / 2 : o.x - w;
        return inside(x0 - o.size, o.y - 2 * o.size, x0 + w + o.size, o.y + o.size);
      }
      default: {
        let x0 = Number.POSITIVE_INFINITY;
        let y0 = Number.POSITIVE_INFINITY;
        let x1 = Number.NEGATIVE_INFINITY;
        let y1 = Number.NEGATIVE_INFINITY;
        for (const p of o.points) {
          x0 = Math.min(x0, p.x);
          x1 = Math.max(x1, p.x);
          y0 = Math.min(y0, p.y);
          y1 = Math.max(y1, p.y);
        }
        return inside(x0, y0, x1, y1);
      }
    }
  });
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

/// <reference types="pdfkit" />
/**
 * Table rows for pdfkit pages whose cells grow with their text and continue on the
 * next page when they must (the identity page, issue 14: "nothing is ever clipped").
 * Text is wrapped by us (pdfLines) and drawn a line at a time, so a row taller than
 * what is left of a page moves to the next page, and one taller than a whole page is
 * split between lines, its head (if any) repeated on the continuation.
 */

import { FONT, FONT_BOLD } from './pdfOps';
import { pdfLines } from './pdfText';

/** Cell padding (points). */
export const PAD = 5;
/** Line height as a multiple of the font size. */
const LEADING = 1.15;

/** One printed line of a cell. */
export interface Line {
  text: string;
  size: number;
  bold?: boolean;
  /** Extra space above this line (a signature's room), points. */
  gap?: number;
}

export const lineHeight = (l: Line) => l.size * LEADING + (l.gap ?? 0);

/** `text` as cell lines `width` wide (the cell's inner width). */
export function textLines(text: string, width: number, size: number, bold = false): Line[] {
  return pdfLines(text, width, size, bold).map((t) => ({ text: t, size, bold }));
}

export interface RowCell {
  x: number;
  w: number;
  lines: Line[];
  align?: 'left' | 'center';
  valign?: 'top' | 'middle';
  fill?: string;
}

export interface Row {
  cells: RowCell[];
  minH: number;
  /** A grey head band over the cells (pair boxes' titles), repeated on continuations. */
  head?: { h: number; cells: RowCell[] };
  /** Drawn over each piece of the row right after it (before any page break). */
  decorate?: (piece: { top: number; bottom: number }, index: number) => void;
}

/** Where the next row goes: the current page's y, and how to start a new page. */
export class Flow {
  y: number;
  /** Called before a new page starts, with the y the current page was filled to. */
  beforeNewPage: ((filledTo: number) => void) | null = null;
  constructor(
    private doc: PDFKit.PDFDocument,
    readonly top: number,
    readonly bottom: number,
    y = top,
  ) {
    this.y = y;
  }
  get room(): number {
    return this.bottom - this.y;
  }
  get atTop(): boolean {
    return this.y <= this.top + 0.5;
  }
  newPage(): void {
    this.beforeNewPage?.(this.y);
    this.doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
    this.y = this.top;
  }
}

const contentH = (lines: Line[]) => lines.reduce((a, l) => a + lineHeight(l), 0);

/** Height a row needs (head included). */
export function rowHeight(row: Row): number {
  const body = Math.max(row.minH, ...row.cells.map((c) => contentH(c.lines) + 2 * PAD));
  return body + (row.head?.h ?? 0);
}

function box(doc: PDFKit.PDFDocument, x: number, y: number, w: number, h: number, fill?: string) {
  doc.lineWidth(0.7).rect(x, y, w, h);
  if (fill) doc.fillAndStroke(fill, '#000');
  else doc.stroke();
  doc.fillColor('#000');
}

/** Draw `lines` in a cell box (top-left x, y; size w × h). */
export function drawLines(
  doc: PDFKit.PDFDocument,
  lines: Line[],
  x: number,
  y: number,
  w: number,
  h: number,
  align: 'left' | 'center' = 'left',
  valign: 'top' | 'middle' = 'middle',
): void {
  const need = contentH(lines);
  let ly = valign === 'top' ? y + PAD : y + Math.max(PAD, (h - need) / 2);
  for (const l of lines) {
    ly += l.gap ?? 0;
    doc
      .font(l.bold ? FONT_BOLD : FONT)
      .fontSize(l.size)
      .fillColor('#000');
    const inner = w - 2 * PAD;
    const dx = align === 'center' ? Math.max(0, (inner - doc.widthOfString(l.text)) / 2) : 0;
    if (l.text)
      doc.text(l.text, x + PAD + dx, ly + (l.size * (LEADING - 1)) / 2, { lineBreak: false });
    ly += l.size * LEADING;
  }
}

function drawPiece(doc: PDFKit.PDFDocument, row: Row, y: number, bodyH: number, cells: RowCell[]) {
  let top = y;
  if (row.head) {
    for (const c of row.head.cells) {
      box(doc, c.x, top, c.w, row.head.h, c.fill ?? '#e8e8e8');
      drawLines(doc, c.lines, c.x, top, c.w, row.head.h, c.align, 'middle');
    }
    top += row.head.h;
  }
  for (const c of cells) {
    box(doc, c.x, top, c.w, bodyH, c.fill);
    drawLines(doc, c.lines, c.x, top, c.w, bodyH, c.align, c.valign);
  }
}

/**
 * Draw `row` at the flow's y, `opts.extra` points taller than it needs; on the next page
 * when it does not fit what is left (and would fit a fresh page), split between lines
 * over as many pages as it takes otherwise (or at once, with `splitHere`). Returns the
 * [top, bottom] drawn on each page.
 */
export function drawRow(
  doc: PDFKit.PDFDocument,
  flow: Flow,
  row: Row,
  opts: { extra?: number; splitHere?: boolean } = {},
): Array<{ top: number; bottom: number }> {
  const h = rowHeight(row) + (opts.extra ?? 0);
  const full = flow.bottom - flow.top;
  if (h > flow.room + 0.01 && !flow.atTop && !opts.splitHere) {
    // A fresh page when the row fits one, or when too little is left here to start it.
    if (h <= full || flow.room < (row.head?.h ?? 0) + 2 * PAD + 40) flow.newPage();
  }
  const pieces: Array<{ top: number; bottom: number }> = [];
  if (h <= flow.room + 0.01) {
    drawPiece(doc, row, flow.y, h - (row.head?.h ?? 0), row.cells);
    pieces.push({ top: flow.y, bottom: flow.y + h });
    row.decorate?.(pieces[0]!, 0);
    flow.y += h;
    return pieces;
  }
  // Split between lines: each piece takes the lines that fit what is left of its page.
  let rest = row.cells.map((c) => c.lines);
  while (rest.some((l) => l.length > 0)) {
    const bodyRoom = flow.room - (row.head?.h ?? 0) - 2 * PAD;
    const taken = rest.map((lines) => {
      let used = 0;
      let n = 0;
      while (n < lines.length && used + lineHeight(lines[n]!) <= bodyRoom + 0.01)
        used += lineHeight(lines[n++]!);
      return Math.max(n, lines.length > 0 && bodyRoom > 0 && flow.atTop ? 1 : n);
    });
    const cells = row.cells.map((c, i) => ({
      ...c,
      lines: rest[i]!.slice(0, taken[i]),
      valign: 'top' as const,
    }));
    const last = rest.every((l, i) => l.length <= taken[i]!);
    const bodyH = last
      ? Math.max(row.minH, ...cells.map((c) => contentH(c.lines) + 2 * PAD))
      : flow.room - (row.head?.h ?? 0);
    drawPiece(doc, row, flow.y, bodyH, cells);
    const pieceH = bodyH + (row.head?.h ?? 0);
    pieces.push({ top: flow.y, bottom: flow.y + pieceH });
    row.decorate?.(pieces[pieces.length - 1]!, pieces.length - 1);
    flow.y += pieceH;
    rest = rest.map((l, i) => l.slice(taken[i]));
    if (rest.some((l) => l.length > 0)) flow.newPage();
  }
  return pieces;
}

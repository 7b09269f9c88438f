/**
 * SVG markup from drawing primitives, as a string (no DOM): used for the Word
 * export's flowchart image and for snapshots in tests.
 */

import type { DrawOp } from './drawOps';
import type { Point } from './types';

const FONT = 'Helvetica, Arial, sans-serif';

function esc(s: string): string {
  return s.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!,
  );
}

const pts = (p: Point[]) => p.map((q) => `${q.x.toFixed(2)},${q.y.toFixed(2)}`).join(' ');
const n = (v: number) => v.toFixed(2);

/** One SVG element per primitive. */
export function opToSvg(o: DrawOp): string {
  switch (o.op) {
    case 'rect':
      return `<rect x="${n(o.box.x)}" y="${n(o.box.y)}" width="${n(o.box.w)}" height="${n(o.box.h)}" fill="${o.fill ?? 'none'}" stroke="${o.stroke ? '#000' : 'none'}" stroke-width="${o.lineWidth}"/>`;
    case 'capsule':
      return `<rect x="${n(o.box.x)}" y="${n(o.box.y)}" width="${n(o.box.w)}" height="${n(o.box.h)}" rx="${n(o.box.h / 2)}" fill="${o.fill}" stroke="#000" stroke-width="${o.lineWidth}"/>`;
    case 'polygon':
      return `<polygon points="${pts(o.points)}" fill="${o.fill}" stroke="${o.lineWidth > 0 ? '#000' : 'none'}" stroke-width="${o.lineWidth}"/>`;
    case 'polyline':
      return `<polyline points="${pts(o.points)}" fill="none" stroke="#000" stroke-width="${o.lineWidth}"/>`;
    case 'text':
      return `<text x="${n(o.x)}" y="${n(o.y)}" font-family="${FONT}" font-size="${o.size}" font-weight="${o.bold ? 'bold' : 'normal'}" text-anchor="${o.anchor}"${o.width > 0 ? ` textLength="${n(o.width)}" lengthAdjust="spacingAndGlyphs"` : ''}>${esc(o.text)}</text>`;
  }
}

/**
 * A complete SVG document of `width`×`height` points; optional viewBox crop. White
 * behind the drawing unless `transparent` (Word strips: the table's row lines show
 * between and under them).
 */
export function opsToSvg(
  ops: DrawOp[],
  width: number,
  height: number,
  view: { x: number; y: number; w: number; h: number } = { x: 0, y: 0, w: width, h: height },
  transparent = false,
): string {
  const bg = transparent
    ? ''
    : `<rect x="${n(view.x)}" y="${n(view.y)}" width="${n(view.w)}" height="${n(view.h)}" fill="#fff"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="${n(view.x)} ${n(view.y)} ${n(view.w)} ${n(view.h)}">${bg}${ops.map(opToSvg).join('')}</svg>`;
}

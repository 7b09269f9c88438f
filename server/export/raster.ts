/**
 * A tiny greyscale rasteriser for the drawing primitives, encoding PNG with
 * node:zlib. It only exists to give Word's SVG flowchart images the PNG
 * fallback the format requires (for viewers without SVG support); shapes and
 * lines are drawn, text is left out (the table beside the chart carries it).
 */

import { deflateSync } from 'node:zlib';

import type { DrawOp } from '../../shared/flowchart/drawOps';
import type { Box, Point } from '../../shared/flowchart/types';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

class Canvas {
  readonly px: Uint8Array;
  constructor(
    readonly w: number,
    readonly h: number,
  ) {
    this.px = new Uint8Array(w * h).fill(255);
  }
  set(x: number, y: number, v: number): void {
    if (x >= 0 && y >= 0 && x < this.w && y < this.h) this.px[y * this.w + x] = v;
  }
  line(a: Point, b: Point, width: number): void {
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(b.x - a.x), Math.abs(b.y - a.y))));
    const r = Math.max(0, Math.round(width / 2 - 0.5));
    // Only the samples that can touch the canvas: an arrow running past many rows crosses
    // each row's strip, and walking its whole length for every strip was quadratic.
    const [from, to] = this.span(a, b, r + 1);
    for (
      let i = Math.max(0, Math.floor(from * steps));
      i <= Math.min(steps, Math.ceil(to * steps));
      i++
    ) {
      const x = Math.round(a.x + ((b.x - a.x) * i) / steps);
      const y = Math.round(a.y + ((b.y - a.y) * i) / steps);
      for (let dx = -r; dx <= r; dx++) for (let dy = -r; dy <= r; dy++) this.set(x + dx, y + dy, 0);
    }
  }
  /**
   * The parameter range [t0, t1] ⊆ [0, 1] of segment a→b inside the canvas grown by `pad`
   * (Liang–Barsky); an empty range (t0 > t1) when it misses the canvas.
   */
  private span(a: Point, b: Point, pad: number): [number, number] {
    let t0 = 0;
    let t1 = 1;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const edges: Array<[number, number]> = [
      [-dx, a.x + pad],
      [dx, this.w - 1 + pad - a.x],
      [-dy, a.y + pad],
      [dy, this.h - 1 + pad - a.y],
    ];
    for (const [p, q] of edges) {
      if (p === 0) {
        if (q < 0) return [1, 0];
        continue;
      }
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
    return [t0, t1];
  }
  fill(poly: Point[], v: number): void {
    const ys = poly.map((p) => p.y);
    for (let y = Math.floor(Math.min(...ys)); y <= Math.ceil(Math.max(...ys)); y++) {
      const xs: number[] = [];
      poly.forEach((p, i) => {
        const q = poly[(i + 1) % poly.length]!;
        const yc = y + 0.5;
        if (p.y <= yc !== q.y <= yc) xs.push(p.x + ((yc - p.y) * (q.x - p.x)) / (q.y - p.y));
      });
      xs.sort((m, n) => m - n);
      for (let i = 0; i + 1 < xs.length; i += 2) {
        for (let x = Math.round(xs[i]!); x < Math.round(xs[i + 1]!); x++) this.set(x, y, v);
      }
    }
  }
  outline(poly: Point[], width: number): void {
    poly.forEach((p, i) => {
      this.line(p, poly[(i + 1) % poly.length]!, width);
    });
  }
  png(): Buffer {
    const raw = Buffer.alloc((this.w + 1) * this.h);
    for (let y = 0; y < this.h; y++) {
      raw[y * (this.w + 1)] = 0;
      raw.set(this.px.subarray(y * this.w, (y + 1) * this.w), y * (this.w + 1) + 1);
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(this.w, 0);
    ihdr.writeUInt32BE(this.h, 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 0; // greyscale
    const sig = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
    return Buffer.concat([
      sig,
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

function rectPoly(b: Box): Point[] {
  return [
    { x: b.x, y: b.y },
    { x: b.x + b.w, y: b.y },
    { x: b.x + b.w, y: b.y + b.h },
    { x: b.x, y: b.y + b.h },
  ];
}

function capsulePoly(b: Box): Point[] {
  const r = b.h / 2;
  const pts: Point[] = [];
  for (let i = 0; i <= 12; i++) {
    const t = -Math.PI / 2 + (Math.PI * i) / 12;
    pts.push({ x: b.x + b.w - r + r * Math.cos(t), y: b.y + r + r * Math.sin(t) });
  }
  for (let i = 0; i <= 12; i++) {
    const t = Math.PI / 2 + (Math.PI * i) / 12;
    pts.push({ x: b.x + r + r * Math.cos(t), y: b.y + r + r * Math.sin(t) });
  }
  return pts;
}

/** Rasterise primitives inside `view` (points) at `scale` pixels per point; returns PNG bytes. */
export function opsToPng(ops: DrawOp[], view: Box, scale = 2): Buffer {
  const c = new Canvas(
    Math.max(1, Math.round(view.w * scale)),
    Math.max(1, Math.round(view.h * scale)),
  );
  const tx = (p: Point): Point => ({ x: (p.x - view.x) * scale, y: (p.y - view.y) * scale });
  const lw = (w: number) => Math.max(1, w * scale);
  const shade = (fill: string | undefined) =>
    fill && fill !== '#fff' && fill !== '#ffffff' ? 220 : 255;
  for (const o of ops) {
    if (o.op === 'rect') {
      const poly = rectPoly(o.box).map(tx);
      if (o.fill) c.fill(poly, shade(o.fill));
      if (o.stroke) c.outline(poly, lw(o.lineWidth));
    } else if (o.op === 'capsule') {
      const poly = capsulePoly(o.box).map(tx);
      c.fill(poly, 255);
      c.outline(poly, lw(o.lineWidth));
    } else if (o.op === 'polygon') {
      const poly = o.points.map(tx);
      c.fill(poly, o.fill === '#000' ? 0 : 255);
      if (o.lineWidth > 0) c.outline(poly, lw(o.lineWidth));
    } else if (o.op === 'polyline') {
      const pts = o.points.map(tx);
      for (let i = 1; i < pts.length; i++) c.line(pts[i - 1]!, pts[i]!, lw(o.lineWidth));
    }
  }
  return c.png();
}

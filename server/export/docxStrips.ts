/**
 * Cuts a page of the flowchart into one image strip per band (step row or connector
 * strip) for the Word export: the drawing primitives that overlap each band's lane area.
 *
 * Each primitive's bounding box is computed once and filed under the rows its
 * vertical extent touches (found by binary search), so cutting n rows costs
 * O(primitives · log n) plus the primitives actually drawn, instead of testing
 * every primitive against every row (which made a 1,000-step Word file take a
 * minute). Strips are drawn in their own coordinates, so rows that look the
 * same (most of a long procedure) share one SVG and one PNG: they are built once
 * and the .docx stores them once (its media are named by content hash).
 */

import { Worker } from 'node:worker_threads';
import type { DrawOp } from '../../shared/flowchart/drawOps';
import { opsToSvg } from '../../shared/flowchart/svg';
import type { Box } from '../../shared/flowchart/types';
import { workerEntry } from '../workerThreads';
import type { PngJob, PngReply } from './pngWorker';
import { svgToPng } from './svgRaster';

/** Bounding box of a primitive, to keep only the ones inside an image strip. */
export function opBox(o: DrawOp): Box {
  if (o.op === 'rect' || o.op === 'capsule') return o.box;
  if (o.op === 'text') return { x: o.x - 40, y: o.y - o.size, w: 80, h: o.size + 2 };
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const p of o.points) {
    if (p.x < x0) x0 = p.x;
    if (p.x > x1) x1 = p.x;
    if (p.y < y0) y0 = p.y;
    if (p.y > y1) y1 = p.y;
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** Closed-interval overlap of two boxes (touching edges count). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x <= b.x + b.w && a.x + a.w >= b.x && a.y <= b.y + b.h && a.y + a.h >= b.y;
}

/**
 * For each band `{y, h}` (sorted by y, not overlapping), the primitives whose box
 * overlaps `{x, y, w, h}` of that band, in painting order. Equivalent to
 * `bands.map(b => ops.filter(o => overlaps(opBox(o), {x, y: b.y, w, h: b.h})))`.
 */
export function opsPerBand(
  ops: DrawOp[],
  bands: ReadonlyArray<{ y: number; h: number }>,
  x: number,
  w: number,
): DrawOp[][] {
  const out: DrawOp[][] = bands.map(() => []);
  const n = bands.length;
  // First band whose bottom edge is at or below y.
  const firstBelow = (y: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const b = bands[mid]!;
      if (b.y + b.h < y) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const o of ops) {
    const box = opBox(o);
    if (!(box.x <= x + w && box.x + box.w >= x)) continue;
    const bottom = box.y + box.h;
    for (let i = firstBelow(box.y); i < n && bands[i]!.y <= bottom; i++) {
      const b = bands[i]!;
      if (overlaps(box, { x, y: b.y, w, h: b.h })) out[i]!.push(o);
    }
  }
  return out;
}

/** The primitives moved by (-dx, -dy), so a strip's image uses coordinates local to it. */
export function shiftOps(ops: DrawOp[], dx: number, dy: number): DrawOp[] {
  const pt = (p: { x: number; y: number }) => ({ x: p.x - dx, y: p.y - dy });
  return ops.map((o): DrawOp => {
    if (o.op === 'rect' || o.op === 'capsule')
      return { ...o, box: { ...o.box, x: o.box.x - dx, y: o.box.y - dy } };
    if (o.op === 'text') return { ...o, x: o.x - dx, y: o.y - dy };
    return { ...o, points: o.points.map(pt) };
  });
}

/** Widest PNG fallback of a strip, in pixels. */
export const MAX_PNG_WIDTH = 4096;

/** The SVG image of a strip and its PNG fallback. */
export interface StripImage {
  svg: Buffer;
  /** Empty until {@link StripPngs.drawAll} has drawn it, when drawing is deferred. */
  png: Buffer;
  /**
   * What the document is built with in place of `svg` and `png`, when drawing is
   * deferred: stand-ins that {@link StripPngs.fill} swaps for the real bytes in the
   * compiled package (see there).
   */
  media?: { svg: Buffer; png: Buffer };
}

/** The strip-drawing thread of this thread, started on first use (see pngWorker.ts). */
class PngThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, (reply: PngReply) => void>();
  private nextId = 0;
  failed = false;

  constructor() {
    const url = workerEntry('./png-worker.mjs', './png-worker.mjs', import.meta.url);
    this.worker = new Worker(new URL(url), {
      resourceLimits: { maxOldGenerationSizeMb: 128 },
    });
    this.worker.unref();
    this.worker.on('message', (reply: PngReply) => {
      const done = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      done?.(reply);
    });
    const fail = (why: string) => {
      this.failed = true;
      if (thread === this) thread = undefined;
      for (const [id, done] of this.pending) done({ id, error: why });
      this.pending.clear();
    };
    this.worker.on('error', (error) => fail(error.message));
    this.worker.on('exit', (code) => fail(`the drawing thread exited (${code})`));
  }

  draw(markup: string, width: number): Promise<PngReply> {
    const id = this.nextId++;
    // Referenced while it has work, so a caller awaiting it keeps the process alive.
    if (this.pending.size === 0) this.worker.ref();
    const reply = new Promise<PngReply>((resolve) => this.pending.set(id, resolve));
    this.worker.postMessage({ id, markup, width } satisfies PngJob);
    return reply;
  }
}

let thread: PngThread | undefined;

/**
 * The PNG fallbacks of a document's strips, drawn by a thread of their own from the
 * moment each strip is cut, while this thread builds and compiles the document (the
 * Word export waits for them only before it zips the package). A strip the thread could
 * not draw is drawn here instead.
 *
 * The document is built before the PNGs exist, with stand-ins: for each strip a short
 * unique byte string in place of its SVG and of its PNG. The `docx` package names media
 * files by a hash of their bytes (its pure-JS SHA-1, which hashing the stand-ins also
 * saves), so distinct strips still get distinct files; {@link fill} then puts the real
 * bytes in those files of the compiled package.
 */
export class StripPngs {
  private readonly done: Array<Promise<void>> = [];
  private readonly bySlot = new Map<string, () => Buffer>();

  add(image: StripImage, markup: string, width: number): void {
    image.media = {
      svg: this.slot(() => image.svg),
      png: this.slot(() => image.png),
    };
    this.done.push(
      this.draw(markup, width).then((png) => {
        image.png = png;
      }),
    );
  }

  /** Resolves once every PNG added so far is drawn. */
  async drawAll(): Promise<void> {
    while (this.done.length > 0) await Promise.all(this.done.splice(0));
  }

  /** Replaces the stand-ins in `parts` (a compiled package: path → bytes) with the media. */
  fill(parts: Map<string, string | Uint8Array>): void {
    for (const [path, data] of parts) {
      if (!path.startsWith('word/media/') || typeof data === 'string' || data.byteLength > 64)
        continue;
      const bytes = this.bySlot.get(Buffer.from(data).toString('latin1'));
      if (bytes) parts.set(path, bytes());
    }
  }

  private slot(bytes: () => Buffer): Buffer {
    const key = `susun-strip-media:${this.bySlot.size}`;
    this.bySlot.set(key, bytes);
    return Buffer.from(key, 'latin1');
  }

  private async draw(markup: string, width: number): Promise<Buffer> {
    if (!thread || thread.failed) thread = new PngThread();
    const reply = await thread.draw(markup, width);
    if ('png' in reply)
      return Buffer.from(reply.png.buffer, reply.png.byteOffset, reply.png.byteLength);
    return svgToPng(markup, { width }).png;
  }
}

/**
 * One image per band: the primitives overlapping the lane area `x..x+w` of the
 * band, in coordinates local to it; identical strips are the same objects.
 */
export function stripImages(
  ops: DrawOp[],
  bands: ReadonlyArray<{ y: number; h: number }>,
  x: number,
  w: number,
  scale = 2,
  /** Strips already built, by markup: pass one map for every page of a document. */
  cache = new Map<string, StripImage>(),
  /** Draw the PNGs later (see {@link StripPngs}) rather than now. */
  deferred?: StripPngs,
): StripImage[] {
  // The PNG is the fallback (Word before 2016; LibreOffice shows it too): past
  // MAX_PNG_WIDTH pixels (more than ~36 pelaksana) it gets coarser rather than ever bigger.
  const pngScale = Math.min(scale, MAX_PNG_WIDTH / Math.max(1, w));
  return opsPerBand(ops, bands, x, w).map((inside, i) => {
    const h = bands[i]!.h;
    const local = shiftOps(inside, x, bands[i]!.y);
    const markup = opsToSvg(local, w, h, undefined, true);
    let image = cache.get(markup);
    if (!image) {
      const svg = Buffer.from(markup, 'utf8');
      if (deferred) {
        image = { svg, png: Buffer.alloc(0) };
        deferred.add(image, markup, w * pngScale);
      } else image = { svg, png: svgToPng(markup, { width: w * pngScale }).png };
      cache.set(markup, image);
    }
    return image;
  });
}

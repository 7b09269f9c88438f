/**
 * Helpers of the rendered-output checks (export-render.test.ts): the tools (LibreOffice,
 * poppler, Ghostscript), rasterising a PDF without its text, word boxes of its pages,
 * and looking for a symbol's outline in the pixels. Geometry (where lanes, rows and
 * symbols are) comes from the renderers' own layout functions, never from fixed pixels.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diamond, pentagon } from '../../shared/flowchart/drawOps';
import type { Box, Point } from '../../shared/flowchart/types';

/** Resolution of the raster checks (dots per inch); 1 pt = DPI / 72 px. */
export const DPI = 100;
const PX = DPI / 72;

/** Path of `cmd` on PATH, or null. */
export function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** A page rasterised in greyscale (0 black … 255 white), text left out. */
export interface Raster {
  w: number;
  h: number;
  px: Uint8Array;
}

function readPgm(buf: Buffer): Raster {
  let pos = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[pos]!))) pos++;
    if (buf[pos] === 0x23) {
      while (buf[pos] !== 0x0a) pos++;
      continue;
    }
    let tok = '';
    while (!/\s/.test(String.fromCharCode(buf[pos]!))) tok += String.fromCharCode(buf[pos++]!);
    fields.push(tok);
  }
  pos++;
  if (fields[0] !== 'P5') throw new Error(`not a P5 pgm: ${fields[0]}`);
  const w = Number(fields[1]);
  const h = Number(fields[2]);
  return { w, h, px: new Uint8Array(buf.subarray(pos, pos + w * h)) };
}

/**
 * Every page of `pdf` as greyscale pixels, drawn by Ghostscript with `-dFILTERTEXT`: the
 * table text is left out, so what ink remains in a lane is the chart (and the text drawn
 * into images, as Word strips carry their labels).
 */
export function rasterise(pdf: string, dir: string): Raster[] {
  execFileSync('gs', [
    '-q',
    '-dNOPAUSE',
    '-dBATCH',
    '-dSAFER',
    '-dFILTERTEXT',
    '-sDEVICE=pgmraw',
    `-r${DPI}`,
    `-sOutputFile=${join(dir, 'p-%04d.pgm')}`,
    pdf,
  ]);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pgm'))
    .sort()
    .map((f) => readPgm(readFileSync(join(dir, f))));
}

/** A word of a page, in points from the page's top-left corner. */
export interface Word {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The words of each page of `pdf` with their boxes (`pdftotext -bbox`). */
export function pageWords(pdf: string): Word[][] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  return html
    .split('<page ')
    .slice(1)
    .map((page) =>
      [
        ...page.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({
        x0: Number(m[1]),
        y0: Number(m[2]),
        x1: Number(m[3]),
        y1: Number(m[4]),
        text: decode(m[5]!),
      })),
    );
}

/** All text of `pdf` with every whitespace removed, for "is this text there" checks. */
export function squeezedText(pdf: string): string {
  const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return squeeze(text);
}

export const squeeze = (s: string) => s.replace(/\s+/g, '');

/** Outline of a shape as points every ~1 pt along its edges. */
export function outline(
  kind: 'terminator' | 'process' | 'decision' | 'connector',
  b: Box,
): Point[] {
  const corners =
    kind === 'decision'
      ? diamond(b)
      : kind === 'connector'
        ? pentagon(b)
        : kind === 'terminator'
          ? // The straight top and bottom of the capsule (its ends are arcs).
            [
              { x: b.x + b.h / 2, y: b.y },
              { x: b.x + b.w - b.h / 2, y: b.y },
              { x: b.x + b.w - b.h / 2, y: b.y + b.h },
              { x: b.x + b.h / 2, y: b.y + b.h },
            ]
          : [
              { x: b.x, y: b.y },
              { x: b.x + b.w, y: b.y },
              { x: b.x + b.w, y: b.y + b.h },
              { x: b.x, y: b.y + b.h },
            ];
  const pts: Point[] = [];
  const edges = kind === 'terminator' ? [0, 2] : corners.map((_, i) => i);
  for (const i of edges) {
    const a = corners[i]!;
    const c = corners[(i + 1) % corners.length]!;
    const n = Math.max(2, Math.round(Math.hypot(c.x - a.x, c.y - a.y)));
    for (let k = 0; k < n; k++)
      pts.push({ x: a.x + ((c.x - a.x) * k) / n, y: a.y + ((c.y - a.y) * k) / n });
  }
  return pts;
}

/** Is there ink within ~1 pt of point `p` (points) on the page? */
function inkNear(r: Raster, p: Point): boolean {
  const cx = Math.round(p.x * PX);
  const cy = Math.round(p.y * PX);
  for (let dy = -1; dy <= 1; dy++)
    for (let dx = -1; dx <= 1; dx++) {
      const x = cx + dx;
      const y = cy + dy;
      if (x >= 0 && y >= 0 && x < r.w && y < r.h && r.px[y * r.w + x]! < 160) return true;
    }
  return false;
}

/**
 * The share of a shape's outline found inked on the page, at its expected place give or
 * take `slack` points (renderers round row heights; the best offset counts).
 */
export function outlineScore(r: Raster, pts: Point[], slack = 2): number {
  let best = 0;
  for (let dy = -slack; dy <= slack; dy += 1)
    for (let dx = -slack; dx <= slack; dx += 1) {
      let hit = 0;
      for (const p of pts) if (inkNear(r, { x: p.x + dx, y: p.y + dy })) hit++;
      best = Math.max(best, hit / pts.length);
    }
  return best;
}

/**
 * SVG to PNG with resvg (@resvg/resvg-js: a well-kept Rust renderer shipped as
 * prebuilt npm binaries, no install script). Used for the PNG fallbacks of the Word
 * export's flowchart strips (what LibreOffice, WPS and Word before 2016 show) and
 * for SVG logos, which pdfkit cannot draw.
 *
 * Fonts: loading every system font costs ~10 ms per image, so only a sans-serif
 * family metric-compatible with Helvetica/Arial is loaded (Liberation Sans, Debian's
 * `fonts-liberation`), else DejaVu Sans; with neither, the system's fonts. The SVG's
 * `textLength` keeps each text to its Helvetica width whatever the font.
 */

import { existsSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

const CANDIDATES: Array<{ family: string; files: string[] }> = [
  {
    family: 'Liberation Sans',
    files: [
      '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
      '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
    ],
  },
  {
    family: 'Liberation Sans',
    files: [
      '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf',
      '/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf',
    ],
  },
  {
    family: 'DejaVu Sans',
    files: [
      '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
      '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
    ],
  },
];

let fontOptions: ResvgRenderOptions['font'] | undefined;

/** The font setup, found once per thread. */
function fonts(): ResvgRenderOptions['font'] {
  if (!fontOptions) {
    const found = CANDIDATES.find((c) => c.files.every((f) => existsSync(f)));
    fontOptions = found
      ? {
          loadSystemFonts: false,
          fontFiles: found.files,
          defaultFontFamily: found.family,
          sansSerifFamily: found.family,
        }
      : { loadSystemFonts: true };
  }
  return fontOptions;
}

/** Intrinsic size of an SVG (its width/height or viewBox), or null when resvg cannot read it. */
export function svgSize(svg: Buffer | string): { width: number; height: number } | null {
  try {
    const r = new Resvg(svg, { font: { loadSystemFonts: false } });
    return r.width > 0 && r.height > 0 ? { width: r.width, height: r.height } : null;
  } catch {
    return null;
  }
}

/**
 * PNG of `svg` scaled so its larger side is `maxSide` pixels (or its width is
 * `width`), on a transparent background unless `background` is given.
 */
function renderOptions(
  svg: Buffer | string,
  fit: { width: number } | { maxSide: number },
  background?: string,
): ResvgRenderOptions {
  const size = 'width' in fit ? null : svgSize(svg);
  const fitTo =
    'width' in fit
      ? { mode: 'width' as const, value: Math.max(1, Math.round(fit.width)) }
      : size && size.height > size.width
        ? { mode: 'height' as const, value: fit.maxSide }
        : { mode: 'width' as const, value: fit.maxSide };
  // Parsing the font files costs more than drawing a small strip: only when there is text.
  const hasText = (typeof svg === 'string' ? svg : svg.toString('latin1')).includes('<text');
  return {
    fitTo,
    font: hasText ? fonts() : { loadSystemFonts: false },
    ...(background ? { background } : {}),
  };
}

/**
 * PNG of `svg` scaled so its larger side is `maxSide` pixels (or its width is
 * `width`), on a transparent background unless `background` is given.
 */
export function svgToPng(
  svg: Buffer | string,
  fit: { width: number } | { maxSide: number },
  background?: string,
): { png: Buffer; width: number; height: number } {
  const img = new Resvg(svg, renderOptions(svg, fit, background)).render();
  return {
    png: encodePng(img.width, img.height, img.pixels),
    width: img.width,
    height: img.height,
  };
}

const PNG_SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

function pngChunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * PNG of resvg's pixels (premultiplied RGBA, as tiny-skia keeps them). resvg's own
 * `asPng` spends ~80% of a strip's time in its encoder; the flowchart strips are
 * black, white and grey, so they are written as 8-bit grey + alpha (half the bytes)
 * when every pixel is grey, else as RGBA, with no row filters and zlib's level 6
 * (node's native deflate): about four times faster than `asPng`, files of similar size.
 */
export function encodePng(width: number, height: number, premultiplied: Buffer): Buffer {
  const { raw, grey } = pngRows(width, height, premultiplied);
  return pngFile(width, height, grey, deflateSync(raw));
}

/** The PNG's filtered rows (filter type 0) before compression, and whether they are grey. */
function pngRows(
  width: number,
  height: number,
  premultiplied: Buffer,
): { raw: Buffer; grey: boolean } {
  const px = premultiplied;
  let grey = true;
  for (let i = 0; i < px.length; i += 4)
    if (px[i] !== px[i + 1] || px[i] !== px[i + 2]) {
      grey = false;
      break;
    }
  const channels = grey ? 2 : 4;
  const stride = width * channels + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    let o = y * stride + 1; // byte 0 of each row: filter type 0 (none)
    const end = (y + 1) * width * 4;
    for (let i = y * width * 4; i < end; i += 4) {
      const a = px[i + 3] as number;
      if (a === 0) {
        o += channels; // transparent: all zero, as allocated
        continue;
      }
      if (a === 255) {
        raw[o++] = px[i] as number;
        if (!grey) {
          raw[o++] = px[i + 1] as number;
          raw[o++] = px[i + 2] as number;
        }
      } else {
        // Demultiply: PNG stores straight alpha.
        raw[o++] = Math.min(255, Math.round(((px[i] as number) * 255) / a));
        if (!grey) {
          raw[o++] = Math.min(255, Math.round(((px[i + 1] as number) * 255) / a));
          raw[o++] = Math.min(255, Math.round(((px[i + 2] as number) * 255) / a));
        }
      }
      raw[o++] = a;
    }
  }
  return { raw, grey };
}

function pngFile(width: number, height: number, grey: boolean, idat: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = grey ? 4 : 6; // colour type: grey + alpha, or RGBA
  // bytes 10-12: deflate compression, adaptive filtering, no interlace (all 0)
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

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
export function svgToPng(
  svg: Buffer | string,
  fit: { width: number } | { maxSide: number },
  background?: string,
): { png: Buffer; width: number; height: number } {
  const size = 'width' in fit ? null : svgSize(svg);
  const fitTo =
    'width' in fit
      ? { mode: 'width' as const, value: Math.max(1, Math.round(fit.width)) }
      : size && size.height > size.width
        ? { mode: 'height' as const, value: fit.maxSide }
        : { mode: 'width' as const, value: fit.maxSide };
  const img = new Resvg(svg, {
    fitTo,
    font: fonts(),
    ...(background ? { background } : {}),
  }).render();
  return { png: img.asPng(), width: img.width, height: img.height };
}

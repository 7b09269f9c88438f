/**
 * What the PDF and Word exports draw of `OfficialExtras` (shared/model/official.ts),
 * prepared once per export: the letterhead (kop) lines with their weight and size,
 * the logo as PNG (an SVG logo is rasterised with resvg, see svgRaster.ts: pdfkit
 * draws no SVG, and Word wants a PNG beside an SVG anyway), and the verification QR
 * code of an approved version.
 *
 * A logo that cannot be read (not a PNG, an SVG resvg refuses) is left out rather
 * than failing the export: the document is still the agency's, only without its logo.
 */

import QRCode from 'qrcode';
import { type KopLine, kopLines } from '../../shared/flowchart/letterhead';
import type { Letterhead, OfficialExtras } from '../../shared/model/official';
import { printSafe } from '../../shared/model/text';
import { svgSize, svgToPng } from './svgRaster';

/** The logo as pixels (PNG), plus the original SVG when it was one (Word shows it sharp). */
export interface LogoImage {
  png: Buffer;
  svg: Buffer | null;
  /** Intrinsic size in pixels (aspect ratio of the drawing). */
  width: number;
  height: number;
}

/** The verification mark: QR code of the public page's URL and the short code. */
export interface QrMark {
  code: string;
  url: string;
  /** Dark modules, row by row (size × size). */
  size: number;
  dark: (row: number, col: number) => boolean;
  /** The same code as a PNG (one module = 8 pixels, one module of quiet zone). */
  png: Buffer;
}

export type { KopLine };

export interface OfficialAssets {
  kop: KopLine[];
  logo: LogoImage | null;
  qr: QrMark | null;
}

export const NO_OFFICIAL: OfficialAssets = { kop: [], logo: null, qr: null };

/** Largest side of a rasterised SVG logo (pixels): sharp at 64 pt (about 700 dpi). */
const LOGO_PX = 600;

/** Width and height of a PNG from its IHDR chunk; null when `data` is not a PNG. */
export function pngSize(data: Uint8Array): { width: number; height: number } | null {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (data.length < 24 || sig.some((b, i) => data[i] !== b)) return null;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : null;
}

/** The logo of a letterhead as a PNG (and its SVG), or null when there is none or it is unreadable. */
export function logoImage(letterhead: Letterhead | null): LogoImage | null {
  const logo = letterhead?.logo;
  if (!logo || logo.data.byteLength === 0) return null;
  const data = Buffer.from(logo.data.buffer, logo.data.byteOffset, logo.data.byteLength);
  if (logo.mime === 'image/png') {
    const size = pngSize(data);
    return size ? { png: data, svg: null, ...size } : null;
  }
  // Logos are sanitised at upload; resvg loads no external resources either way.
  if (!svgSize(data)) return null;
  try {
    const img = svgToPng(data, { maxSide: LOGO_PX });
    return { png: img.png, svg: data, width: img.width, height: img.height };
  } catch {
    return null;
  }
}

/** The QR code of a verification mark. */
export async function qrMark(v: OfficialExtras['verification']): Promise<QrMark | null> {
  if (!v?.url) return null;
  const qr = QRCode.create(v.url, { errorCorrectionLevel: 'M' });
  const { size, data } = qr.modules;
  const png = await QRCode.toBuffer(v.url, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    scale: 8,
  });
  return {
    code: printSafe(v.code),
    url: v.url,
    size,
    dark: (r, c) => data[r * size + c] === 1,
    png,
  };
}

/** Everything official an export draws, prepared from the job's extras. */
export async function officialAssets(
  extras: OfficialExtras | null | undefined,
): Promise<OfficialAssets> {
  if (!extras) return NO_OFFICIAL;
  return {
    kop: kopLines(extras.letterhead),
    logo: logoImage(extras.letterhead),
    qr: await qrMark(extras.verification),
  };
}

/**
 * Logo upload: the body read with a hard size limit (never buffered past it), the image
 * recognised by its content (PNG signature + IHDR, or an SVG root), SVG rewritten by
 * `sanitizeSvg`.
 */
import type { Request } from 'express';
import { HttpError } from '../http/errors.js';
import { payloadTooLarge, readLimitedBody } from '../http/limitedBody.js';
import { sanitizeSvg } from './svgSanitize.js';
import type { LogoMime } from './types.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The logo upload, at most `limit` bytes (413 `logo_too_large`; see http/limitedBody). */
export function readLogoBody(req: Request, limit: number): Promise<Buffer> {
  return readLimitedBody(req, limit, () =>
    payloadTooLarge(
      'logo_too_large',
      `The logo must be at most ${Math.floor(limit / 1024)} KiB`,
      limit,
    ),
  );
}

/** A PNG: the signature, then an IHDR chunk of 13 bytes with a non-zero size. */
export function isPng(b: Uint8Array): boolean {
  if (b.length < 33) return false;
  for (let i = 0; i < 8; i++) if (b[i] !== PNG_SIGNATURE[i]) return false;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ihdr = String.fromCharCode(b[12] ?? 0, b[13] ?? 0, b[14] ?? 0, b[15] ?? 0);
  return (
    view.getUint32(8) === 13 && ihdr === 'IHDR' && view.getUint32(16) > 0 && view.getUint32(20) > 0
  );
}

export interface CheckedLogo {
  mime: LogoMime;
  data: Uint8Array;
  /** What the SVG sanitiser left out (inert parts), for the audit log. */
  stripped: string[];
}

/**
 * Recognises and checks an uploaded logo by its bytes (the declared type only has to
 * agree): PNG verified by signature, SVG sanitised. 415 for anything else, 422 for a
 * refused or broken image.
 */
export function checkLogo(body: Buffer, declaredType: string): CheckedLogo {
  const declared = declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (body.length === 0) throw new HttpError(422, 'invalid_image', 'The file is empty');
  if (declared === 'image/png' || (declared !== 'image/svg+xml' && isPng(body))) {
    if (!isPng(body))
      throw new HttpError(422, 'invalid_image', 'This file is not a PNG image (bad signature)');
    return { mime: 'image/png', data: new Uint8Array(body), stripped: [] };
  }
  if (declared === 'image/svg+xml' || /^\s*(<\?xml|<svg|<!--|<!doctype)/i.test(head(body))) {
    const text = body.toString('utf8');
    if (text.includes('\uFFFD'))
      throw new HttpError(422, 'invalid_image', 'The SVG is not valid UTF-8 text');
    const r = sanitizeSvg(text);
    if (!r.ok)
      throw new HttpError(422, 'unsafe_svg', `SVG refused: ${r.reason}`, { reason: r.reason });
    return { mime: 'image/svg+xml', data: new TextEncoder().encode(r.svg), stripped: r.stripped };
  }
  throw new HttpError(415, 'unsupported_image', 'The logo must be a PNG or an SVG image');
}

function head(b: Buffer): string {
  return b
    .subarray(0, 256)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
}

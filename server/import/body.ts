/** The uploaded .docx, at most `limit` bytes (413 `docx_too_large`; see http/limitedBody). */
import type { Request } from 'express';
import { payloadTooLarge, readLimitedBody } from '../http/limitedBody.js';

export function readDocxBody(req: Request, limit: number): Promise<Buffer> {
  return readLimitedBody(req, limit, () =>
    payloadTooLarge(
      'docx_too_large',
      `The Word file must be at most ${Math.floor(limit / (1024 * 1024))} MiB`,
      limit,
    ),
  );
}

/**
 * A raw request body read with a hard size limit (uploads: the agency logo, a .docx to
 * import): a `Content-Length` above the limit is refused before anything is read, and a
 * body that turns out longer (chunked, or lying) is cut off just past it. Either way the
 * caller's 413 error, with `Connection: close`: the rest of the body is never read.
 */
import type { Request } from 'express';
import { HttpError } from './errors.js';

/** The 413 answer for a body over `limit` bytes. */
export function payloadTooLarge(code: string, message: string, limit: number): HttpError {
  return new HttpError(413, code, message, { limitBytes: limit }, { Connection: 'close' });
}

export function readLimitedBody(
  req: Request,
  limit: number,
  tooLarge: () => HttpError,
): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err: Error | null) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      if (err) {
        // Stop reading: what is left stays unread and the socket closes after the answer.
        req.pause();
        reject(err);
      } else resolve(Buffer.concat(chunks, size));
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) finish(tooLarge());
      else chunks.push(c);
    };
    const onEnd = () => finish(null);
    const onError = (e: Error) => finish(e);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

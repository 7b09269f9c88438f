/**
 * The uploaded .docx, read with a hard size limit: a `Content-Length` above it is refused
 * before anything is read, a body that turns out longer (chunked, or lying) is cut off
 * just past it. Either way 413 `docx_too_large`, and the connection is closed after the
 * answer (the rest of the body is never read).
 */
import type { Request } from 'express';
import { HttpError } from '../http/errors.js';

function tooLarge(limit: number): HttpError {
  return new HttpError(
    413,
    'docx_too_large',
    `The Word file must be at most ${Math.floor(limit / (1024 * 1024))} MiB`,
    { limitBytes: limit },
    { Connection: 'close' },
  );
}

export function readDocxBody(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
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
        req.pause();
        reject(err);
      } else resolve(Buffer.concat(chunks, size));
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) finish(tooLarge(limit));
      else chunks.push(c);
    };
    const onEnd = () => finish(null);
    const onError = (e: Error) => finish(e);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** JSON errors for the HTTP API: `{ error: { code, message } }` with the right status. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';

/** Throw from a route to answer with this status and a JSON error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra fields of the JSON body (e.g. `issues`, `steps`), beside `error`. */
    readonly extra: Record<string, unknown> = {},
    /** Response headers (e.g. `Retry-After`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Unknown `/api/*` route → 404 JSON. */
export const apiNotFound: RequestHandler = (req, res) => {
  res.status(404).json({
    error: { code: 'not_found', message: `No API route ${req.method} ${req.baseUrl}${req.path}` },
  });
};

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

/** Last error handler: maps body-parser, HttpError and unknown errors to JSON. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let status = 500;
    let code = 'internal';
    let message = 'Internal server error';
    let extra: Record<string, unknown> = {};
    const e = err as BodyParserError & Error;
    if (err instanceof HttpError) {
      ({ status, code, message, extra } = err);
      for (const [k, v] of Object.entries(err.headers)) if (!res.headersSent) res.setHeader(k, v);
    } else if (e?.type === 'entity.parse.failed') {
      status = 400;
      code = 'invalid_json';
      message = `Malformed JSON body: ${e.message}`;
    } else if (e?.type === 'entity.too.large') {
      status = 413;
      code = 'payload_too_large';
      message = 'Request body too large';
    } else if (
      typeof (e?.status ?? e?.statusCode) === 'number' &&
      (e.status ?? e.statusCode)! < 500
    ) {
      status = (e.status ?? e.statusCode)!;
      code = e.type ? e.type.replace(/\W+/g, '_') : 'bad_request';
      message = e.message;
    }
    if (status >= 500) logger.error({ err, method: req.method, path: req.path }, 'request failed');
    else logger.debug({ status, code, path: req.path }, message);
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).json({ ...extra, error: { code, message } });
  };
}

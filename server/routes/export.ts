/**
 * Export routes (mounted at /api/sops): the SOP AP document as PDF and Word,
 * and the monitoring/evaluation forms as PDF. Problems found by `validate()`
 * never block an export; they are counted in the `X-Susun-Warnings` header.
 *
 * Only reading the SOP happens on the event loop (its encoded state, or its
 * snapshot); decoding and rendering run in the export worker pool
 * (server/export/pool.ts). When the pool is full the answer is 503 with
 * `Retry-After`; a render past the time limit is stopped and also answered 503;
 * one past its memory limit 500 `export_too_large`. A client that goes away
 * cancels its render.
 */

import express from 'express';
import type { OfficialExtras } from '../../shared/model/official';
import type { SopSnapshot } from '../../shared/model/types';
import type { ExportJob } from '../export/exportTask';
import {
  createExportPool,
  DEFAULT_EXPORT_LIMITS,
  ExportBusyError,
  type ExportPool,
  ExportTimeoutError,
} from '../export/pool';

/** Dependencies of the export router. */
export interface ExportDeps {
  /** The SOP's current state, or null when there is no such SOP. */
  getSnapshot(id: string): Promise<SopSnapshot | null>;
  /**
   * Preferred when given: the SOP's Yjs state as encoded updates, or null when there is no
   * such SOP (`createExportSource` in server/export/source.ts). The worker builds the
   * snapshot, so a big SOP costs the event loop a query instead of a decode.
   */
  getUpdates?(id: string): Promise<Uint8Array[] | null>;
  /**
   * What the official outputs carry besides the SOP (letterhead, logo, the verification
   * of the approved version); `origin` is the request's, used when `PUBLIC_URL` is unset.
   * Without it the outputs carry none.
   */
  getOfficial?(id: string, origin?: string): Promise<OfficialExtras>;
  /** Optional (pino-compatible) logger for load/render failures. */
  logger?: { error(obj: object, msg?: string): void };
  /**
   * The worker pool that renders. Pass the server's (limits from config, closed on
   * shutdown); without one the router makes its own with the default limits on first
   * use, whose idle threads exit by themselves.
   */
  pool?: ExportPool;
}

/** Header carrying the number of validation problems of an exported SOP. */
export const WARNINGS_HEADER = 'X-Susun-Warnings';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** ASCII-safe file name from the SOP number or name. */
export function exportFileName(s: { number: string; name: string }, ext: string): string {
  const base = (s.number || s.name || 'sop')
    .slice(0, 400)
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'sop'}.${ext}`;
}

type ErrorBody = { error: { code: string; message: string } };
const problem = (code: string, message: string): ErrorBody => ({ error: { code, message } });

/**
 * Router serving `GET /:id/export.pdf`, `GET /:id/export.docx` and `GET /:id/forms.pdf`.
 * Query: `lang` is accepted and ignored (a document speaks its template's language: the
 * official Indonesian SOP AP labels, English for the international template, see
 * `documentLabels`); `forms=1` appends the forms to export.pdf;
 * `download=1` makes the PDF an attachment rather than inline.
 */
export function createExportRouter(deps: ExportDeps): express.Router {
  const router = express.Router();
  let pool = deps.pool;

  const handle =
    (kind: ExportJob['kind']) => async (req: express.Request, res: express.Response) => {
      const id = String(req.params.id ?? '');
      // The client hanging up cancels the render (queued: dropped; running: thread stopped).
      const cancel = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) cancel.abort();
      });
      let source: Pick<ExportJob, 'snapshot' | 'updates'> | null;
      let official: OfficialExtras | undefined;
      try {
        if (deps.getUpdates) {
          const updates = await deps.getUpdates(id);
          source = updates ? { updates } : null;
        } else {
          const snapshot = await deps.getSnapshot(id);
          source = snapshot ? { snapshot } : null;
        }
        if (source && deps.getOfficial)
          official = await deps.getOfficial(
            id,
            `${req.protocol}://${req.headers.host ?? 'localhost'}`,
          );
      } catch (err) {
        deps.logger?.error({ err, id }, 'export: loading the SOP failed');
        res.status(500).json(problem('load_failed', 'Could not load the SOP'));
        return;
      }
      if (!source) {
        res.status(404).json(problem('not_found', `SOP ${id} not found`));
        return;
      }
      const job: ExportJob = {
        kind,
        ...source,
        lang: typeof req.query.lang === 'string' ? req.query.lang : undefined,
        forms: req.query.forms === '1',
        ...(official ? { official } : {}),
      };
      pool ??= createExportPool(DEFAULT_EXPORT_LIMITS, {
        ...(deps.logger ? { logger: deps.logger } : {}),
      });
      try {
        const { body, warnings, ...sop } = await pool.run(job, cancel.signal);
        const docx = kind === 'docx';
        const attach = docx || req.query.download === '1';
        const name = exportFileName(sop, docx ? 'docx' : kind === 'forms' ? 'forms.pdf' : 'pdf');
        res.setHeader('Content-Type', docx ? DOCX_TYPE : 'application/pdf');
        res.setHeader('Content-Length', String(body.byteLength));
        res.setHeader(
          'Content-Disposition',
          `${attach ? 'attachment' : 'inline'}; filename="${name}"`,
        );
        res.setHeader(WARNINGS_HEADER, String(warnings));
        res.setHeader('Access-Control-Expose-Headers', WARNINGS_HEADER);
        res.setHeader('Cache-Control', 'no-store');
        res.end(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
      } catch (err) {
        if (cancel.signal.aborted || res.headersSent) return;
        if (err instanceof ExportBusyError) {
          res.setHeader('Retry-After', String(err.retryAfterS));
          res.status(503).json(problem('export_busy', `${err.message}; try again shortly`));
        } else if (err instanceof ExportTimeoutError) {
          deps.logger?.error({ id, kind, timeoutMs: err.timeoutMs }, 'export: render timed out');
          res.setHeader('Retry-After', '30');
          res.status(503).json(problem('export_timeout', err.message));
        } else if ((err as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          deps.logger?.error({ id, kind }, 'export: render ran out of its memory limit');
          res
            .status(500)
            .json(problem('export_too_large', 'The export needs more memory than is allowed'));
        } else {
          deps.logger?.error({ err, id, kind }, 'export: rendering failed');
          res.status(500).json(problem('export_failed', 'Could not render the export'));
        }
      }
    };

  router.get('/:id/export.pdf', handle('pdf'));
  router.get('/:id/export.docx', handle('docx'));
  router.get('/:id/forms.pdf', handle('forms'));
  return router;
}

/**
 * Export routes (mounted at /api/sops): the SOP AP document as PDF and Word,
 * and the monitoring/evaluation forms as PDF. Problems found by `validate()`
 * never block an export; they are counted in the `X-Susun-Warnings` header.
 */

import express from 'express';
import { labelsFor } from '../../shared/flowchart/labels';
import { validate } from '../../shared/model/index';
import type { SopSnapshot } from '../../shared/model/types';
import { renderDocx } from '../export/docx';
import { renderPdf } from '../export/pdf';

/** Dependencies of the export router. */
export interface ExportDeps {
  /** The SOP's current state, or null when there is no such SOP. */
  getSnapshot(id: string): Promise<SopSnapshot | null>;
  /** Optional (pino-compatible) logger for load/render failures. */
  logger?: { error(obj: object, msg?: string): void };
}

/** Header carrying the number of validation problems of an exported SOP. */
export const WARNINGS_HEADER = 'X-Susun-Warnings';

/** ASCII-safe file name from the SOP number or name. */
export function exportFileName(s: SopSnapshot, ext: string): string {
  const base = (s.identity.number || s.identity.name || 'sop')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'sop'}.${ext}`;
}

/**
 * Router serving `GET /:id/export.pdf`, `GET /:id/export.docx` and `GET /:id/forms.pdf`.
 * Query: `lang=en` for English labels; `forms=1` appends the forms to export.pdf;
 * `download=1` makes the PDF an attachment rather than inline.
 */
export function createExportRouter(deps: ExportDeps): express.Router {
  const router = express.Router();

  type Kind = 'pdf' | 'docx' | 'forms';
  const handle = (kind: Kind) => async (req: express.Request, res: express.Response) => {
    const id = String(req.params.id ?? '');
    let snap: SopSnapshot | null;
    try {
      snap = await deps.getSnapshot(id);
    } catch (err) {
      deps.logger?.error({ err, id }, 'export: loading the SOP failed');
      res.status(500).json({ error: { code: 'load_failed', message: 'Could not load the SOP' } });
      return;
    }
    if (!snap) {
      res.status(404).json({ error: { code: 'not_found', message: `SOP ${id} not found` } });
      return;
    }
    const labels = labelsFor(typeof req.query.lang === 'string' ? req.query.lang : undefined);
    const problems = validate(snap);
    try {
      let body: Buffer;
      let type: string;
      let name: string;
      let disposition: 'inline' | 'attachment' =
        req.query.download === '1' ? 'attachment' : 'inline';
      if (kind === 'docx') {
        body = await renderDocx(snap, { labels });
        type = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
        name = exportFileName(snap, 'docx');
        disposition = 'attachment';
      } else {
        const parts: Array<'identity' | 'procedure' | 'forms'> =
          kind === 'forms'
            ? ['forms']
            : req.query.forms === '1'
              ? ['identity', 'procedure', 'forms']
              : ['identity', 'procedure'];
        body = await renderPdf(snap, { labels, parts });
        type = 'application/pdf';
        name = exportFileName(snap, kind === 'forms' ? 'forms.pdf' : 'pdf');
      }
      res.setHeader('Content-Type', type);
      res.setHeader('Content-Length', String(body.length));
      res.setHeader('Content-Disposition', `${disposition}; filename="${name}"`);
      res.setHeader(WARNINGS_HEADER, String(problems.length));
      res.setHeader('Access-Control-Expose-Headers', WARNINGS_HEADER);
      res.setHeader('Cache-Control', 'no-store');
      res.end(body);
    } catch {
      res
        .status(500)
        .json({ error: { code: 'export_failed', message: 'Could not render the export' } });
    }
  };

  router.get('/:id/export.pdf', handle('pdf'));
  router.get('/:id/export.docx', handle('docx'));
  router.get('/:id/forms.pdf', handle('forms'));
  return router;
}

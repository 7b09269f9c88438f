/**
 * REST API of SOPs (mounted at /api/sops):
 * - `GET /` → `[{id, name, number, status, updatedAt, stepCount, template, createdAt, archived}]`
 *   (`?q=` searches name and number, `?archived=1` lists archived ones)
 * - `POST /` `{template, name?}` → 201 `{id}`
 * - `POST /import` (a SopSnapshot) → 201 `{id}`; 400 `{error, errors[]}` on bad input
 * - `GET /:id` → SopSnapshot; `GET /:id/export.json` → the same, as a download
 * - `DELETE /:id` archives; `POST /:id/restore` restores (nothing is ever destroyed)
 */
import express, { type Request } from 'express';
import type { TemplateId } from '../../shared/model/types.js';
import { isValidDocId } from '../../shared/protocol.js';
import { HttpError } from '../http/errors.js';
import type { SopService } from '../sops/sopService.js';

const TEMPLATES: readonly TemplateId[] = ['sop-ap', 'international', 'sample'];
const MAX_NAME = 500;

function docId(req: Request): string {
  const id = String(req.params.id ?? '');
  if (!isValidDocId(id))
    throw new HttpError(404, 'not_found', `No SOP with id ${JSON.stringify(id.slice(0, 130))}`);
  return id;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function createSopsRouter(deps: { sops: SopService }): express.Router {
  const { sops } = deps;
  const router = express.Router();

  router.get('/', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q : undefined;
    const archived = req.query.archived === '1' || req.query.archived === 'true';
    const rows = await sops.list({ archived, ...(q !== undefined ? { q } : {}) });
    res.json(rows);
  });

  router.post('/', async (req, res) => {
    const body: unknown = req.body;
    if (!isObject(body))
      throw new HttpError(400, 'invalid_body', 'Expected a JSON object {template, name?}');
    const { template, name } = body;
    if (typeof template !== 'string' || !(TEMPLATES as readonly string[]).includes(template)) {
      throw new HttpError(
        400,
        'invalid_template',
        `template must be one of ${TEMPLATES.join(', ')}`,
      );
    }
    if (name !== undefined && (typeof name !== 'string' || name.length > MAX_NAME)) {
      throw new HttpError(
        400,
        'invalid_name',
        `name must be a string of at most ${MAX_NAME} characters`,
      );
    }
    const id = await sops.create(template as TemplateId, name as string | undefined);
    res.status(201).location(`/api/sops/${id}`).json({ id });
  });

  router.post('/import', async (req, res) => {
    if (!isObject(req.body))
      throw new HttpError(400, 'invalid_body', 'Expected a SopSnapshot JSON object');
    const result = await sops.importSnapshot(req.body);
    if (!result.ok) {
      res.status(400).json({
        error: {
          code: 'invalid_snapshot',
          message: `Invalid SOP: ${result.errors.slice(0, 5).join('; ')}`,
        },
        errors: result.errors,
      });
      return;
    }
    res.status(201).location(`/api/sops/${result.id}`).json({ id: result.id });
  });

  router.get('/:id', async (req, res) => {
    const id = docId(req);
    const snap = await sops.getSnapshot(id);
    if (!snap) throw new HttpError(404, 'not_found', `No SOP with id ${id}`);
    res.json(snap);
  });

  router.get('/:id/export.json', async (req, res) => {
    const id = docId(req);
    const snap = await sops.getSnapshot(id);
    if (!snap) throw new HttpError(404, 'not_found', `No SOP with id ${id}`);
    res.setHeader('Content-Disposition', `attachment; filename="sop-${id}.json"`);
    res.json(snap);
  });

  router.delete('/:id', async (req, res) => {
    const id = docId(req);
    if (!(await sops.setArchived(id, true)))
      throw new HttpError(404, 'not_found', `No SOP with id ${id}`);
    res.json({ id, archived: true });
  });

  router.post('/:id/restore', async (req, res) => {
    const id = docId(req);
    if (!(await sops.setArchived(id, false)))
      throw new HttpError(404, 'not_found', `No SOP with id ${id}`);
    res.json({ id, archived: false });
  });

  return router;
}

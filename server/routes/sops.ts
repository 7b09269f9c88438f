/**
 * REST API of SOPs (mounted at /api/sops; every `/:id` route is behind the access gate):
 * - `GET /` → the SOPs the caller may read: `[{id, name, number, status, updatedAt,
 *   stepCount, template, createdAt, archived, unitId, role}]` (`?q=` searches name and
 *   number, `?archived=1` lists archived ones)
 * - `POST /` `{template, name?, unitId?}` → 201 `{id}`; the caller owns it
 * - `POST /import` (a SopSnapshot; `?unitId=`) → 201 `{id}`; 400 `{error, errors[]}` on bad input
 * - `GET /:id` → SopSnapshot; `GET /:id/export.json` → the same, as a download
 * - `DELETE /:id` archives; `POST /:id/restore` restores (nothing is ever destroyed)
 */
import express, { type Request } from 'express';
import * as v from 'valibot';
import type { TemplateId } from '../../shared/model/types.js';
import type { Accounts } from '../accounts/index.js';
import type { Principal } from '../accounts/principal.js';
import { requestContext, requireAccount, requirePrincipal } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { callerSop } from '../http/sopAccess.js';
import { fields, parseOr } from '../http/validate.js';
import type { SopService } from '../sops/sopService.js';

const TEMPLATES = ['sop-ap', 'international', 'sample'] as const;
const MAX_NAME = 500;

const CreateBody = v.object({
  template: v.picklist(TEMPLATES, `template must be one of ${TEMPLATES.join(', ')}`),
  name: v.optional(
    v.pipe(v.string(), v.maxLength(MAX_NAME, `name must be at most ${MAX_NAME} characters`)),
  ),
  unitId: v.optional(v.nullable(fields.id)),
});
const ListQuery = v.object({
  q: v.optional(v.pipe(v.string(), v.maxLength(500))),
  archived: v.optional(v.string()),
});

export function createSopsRouter(deps: { sops: SopService; accounts: Accounts }): express.Router {
  const { sops, accounts } = deps;
  const router = express.Router();

  /** The unit a new SOP goes to: the one asked for (if the caller belongs to it), else theirs. */
  async function unitFor(p: Principal, asked: string | null | undefined): Promise<string | null> {
    const mine = await accounts.store.unitsOfUser(p.user.id);
    if (asked === undefined) return mine.length === 1 ? (mine[0] ?? null) : null;
    if (asked === null) return null;
    if (!(await accounts.store.getUnit(asked)))
      throw new HttpError(404, 'not_found', 'No such unit');
    if (!p.user.isAdmin && !mine.includes(asked))
      throw new HttpError(403, 'forbidden', 'You can only create SOPs in a unit you belong to');
    return asked;
  }

  async function created(req: Request, id: string, unitId: string | null, how: string) {
    const p = requirePrincipal(req);
    await accounts.access.registerSop(id, p.user.id, unitId);
    await accounts.audit(p, requestContext(req), how, { sopId: id, detail: { unitId } });
  }

  router.get('/', async (req, res) => {
    const p = requirePrincipal(req);
    const q = parseOr(ListQuery, req.query, { status: 400, code: 'invalid_query', what: 'query' });
    const archived = q.archived === '1' || q.archived === 'true';
    const readable = await accounts.access.readable(p);
    const access = new Map((await accounts.store.listSopAccess()).map((a) => [a.sopId, a]));
    const rows = await sops.list({ archived, ...(q.q !== undefined ? { q: q.q } : {}) });
    res.json(
      rows
        .filter((r) => readable.has(r.id))
        .map((r) => ({ ...r, unitId: access.get(r.id)?.unitId ?? null, role: readable.get(r.id) })),
    );
  });

  router.post('/', async (req, res) => {
    const p = requireAccount(req);
    const body = parseOr(CreateBody, req.body, { status: 400, code: 'invalid_body' });
    const unitId = await unitFor(p, body.unitId);
    const id = await sops.create(body.template as TemplateId, body.name, { unitId });
    await created(req, id, unitId, 'sop.created');
    res.status(201).location(`/api/sops/${id}`).json({ id });
  });

  router.post('/import', async (req, res) => {
    const p = requireAccount(req);
    const unitQ = typeof req.query.unitId === 'string' ? req.query.unitId : undefined;
    const unitId = await unitFor(p, unitQ);
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body))
      throw new HttpError(400, 'invalid_body', 'Expected a SopSnapshot JSON object');
    const result = await sops.importSnapshot(req.body, { unitId });
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
    await created(req, result.id, unitId, 'sop.imported');
    res.status(201).location(`/api/sops/${result.id}`).json({ id: result.id });
  });

  router.get('/:id', async (req, res) => {
    const { id } = callerSop(req);
    const snap = await sops.getSnapshot(id);
    if (!snap) throw new HttpError(404, 'not_found', `No SOP with id ${id}`);
    res.json(snap);
  });

  router.get('/:id/export.json', async (req, res) => {
    const { id } = callerSop(req);
    const snap = await sops.getSnapshot(id);
    if (!snap) throw new HttpError(404, 'not_found', `No SOP with id ${id}`);
    res.setHeader('Content-Disposition', `attachment; filename="sop-${id}.json"`);
    res.json(snap);
  });

  for (const [method, archived] of [
    ['delete', true],
    ['post', false],
  ] as const) {
    router[method](archived ? '/:id' : '/:id/restore', async (req, res) => {
      const { id } = callerSop(req);
      if (!(await sops.setArchived(id, archived)))
        throw new HttpError(404, 'not_found', `No SOP with id ${id}`);
      await accounts.audit(
        requirePrincipal(req),
        requestContext(req),
        archived ? 'sop.archived' : 'sop.restored',
        {
          sopId: id,
        },
      );
      res.json({ id, archived });
    });
  }

  return router;
}

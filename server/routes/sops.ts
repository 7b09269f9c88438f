/**
 * REST API of SOPs (mounted at /api/sops; every `/:id` route is behind the access gate):
 * - `GET /` → the SOPs the caller may read, the agency's register (issue 17):
 *   `[{id, name, number, status, updatedAt, stepCount, template, createdAt, archived,
 *   effectiveDate, reviewDate, unitId, role}]`, the number of matching SOPs in
 *   `X-Total-Count`. Query: `q` (words searched in name, number, pelaksana and step text),
 *   `archived=1`, `status=approved,in_review`, `unit=<unitId>|none`, `effectiveFrom`,
 *   `effectiveTo`, `reviewBefore` (YYYY-MM-DD), `sort` (updatedAt, createdAt, name, number,
 *   status, effectiveDate, reviewDate), `order` (asc, desc), `limit` (1–500; absent: all),
 *   `offset`. 400 `invalid_query` for anything else.
 * - `POST /` `{template, name?, unitId?}` → 201 `{id}`; the caller owns it
 * - `POST /import` (a SopSnapshot; `?unitId=`) → 201 `{id}`; 400 `{error, errors[]}` on bad input.
 *   With `Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document`
 *   the body is a Word file (see server/import/sopFromDocx.ts) → 201 `{id, warnings}`, a
 *   draft; 413 `docx_too_large` past the limit, 422 `not_docx` / `corrupt_docx` /
 *   `not_an_sop` / `docx_too_complex`, 503 `import_busy`. Nothing is stored on a refusal.
 * - `GET /:id` → SopSnapshot; `GET /:id/export.json` → the same, as a download
 * - `DELETE /:id` archives; `POST /:id/restore` restores (nothing is ever destroyed)
 */
import express, { type Request } from 'express';
import * as v from 'valibot';
import type { TemplateId } from '../../shared/model/types.js';
import type { Accounts } from '../accounts/index.js';
import type { Principal } from '../accounts/principal.js';
import { type Catalogue, createCatalogue, NO_UNIT } from '../catalogue/catalogueService.js';
import { requestContext, requireAccount, requirePrincipal } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { callerSop } from '../http/sopAccess.js';
import { fields, parseOr } from '../http/validate.js';
import { readDocxBody } from '../import/body.js';
import { type DocxImporter, ImportBusyError, ImportTimeoutError } from '../import/importPool.js';
import type { SopService } from '../sops/sopService.js';
import { CATALOGUE_SORTS, type SopIndex } from '../storage/sopIndex.js';

const TEMPLATES = ['sop-ap', 'international', 'sample'] as const;
const MAX_NAME = 500;

const CreateBody = v.object({
  template: v.picklist(TEMPLATES, `template must be one of ${TEMPLATES.join(', ')}`),
  name: v.optional(
    v.pipe(v.string(), v.maxLength(MAX_NAME, `name must be at most ${MAX_NAME} characters`)),
  ),
  unitId: v.optional(v.nullable(fields.id)),
});
const STATUSES = ['draft', 'in_review', 'approved', 'revoked', 'superseded'] as const;
const DAY = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'));
const INT = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.regex(/^\d{1,9}$/, 'must be a whole number'),
    v.transform(Number),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );
const ListQuery = v.object({
  q: v.optional(v.pipe(v.string(), v.maxLength(500))),
  archived: v.optional(v.string()),
  status: v.optional(
    v.pipe(
      v.string(),
      v.transform((s) => s.split(',').filter(Boolean)),
      v.array(v.picklist(STATUSES, `status must be among ${STATUSES.join(', ')}`)),
    ),
  ),
  unit: v.optional(v.union([v.literal(NO_UNIT), fields.id])),
  effectiveFrom: v.optional(DAY),
  effectiveTo: v.optional(DAY),
  reviewBefore: v.optional(DAY),
  sort: v.optional(
    v.picklist(CATALOGUE_SORTS, `sort must be one of ${CATALOGUE_SORTS.join(', ')}`),
  ),
  order: v.optional(v.picklist(['asc', 'desc'] as const, 'order must be asc or desc')),
  limit: v.optional(INT(1, 500)),
  offset: v.optional(INT(0, 1_000_000_000)),
});

/** Process CPU time (user + system, ms) since `from`: a request's cost whatever else runs on the machine. */
export function cpuMs(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

/** The content type of a .docx upload. */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function createSopsRouter(deps: {
  sops: SopService;
  accounts: Accounts;
  /** The SOP index, for the catalogue queries (issue 17). */
  index: Pick<SopIndex, 'queryCatalogue' | 'catalogueFacts'>;
  /** Reads .docx imports off the event loop; without it a .docx upload answers 415. */
  docxImporter?: DocxImporter | undefined;
  /** Largest .docx accepted (bytes; default 8 MiB, the REST body limit). */
  maxDocxBytes?: number | undefined;
}): express.Router {
  const { sops, accounts } = deps;
  const catalogue: Catalogue = createCatalogue({ index: deps.index, accounts });
  const maxDocxBytes = deps.maxDocxBytes ?? 8 * 1024 * 1024;
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
    const started = performance.now();
    const cpu = process.cpuUsage();
    const { archived, status, ...q } = parseOr(ListQuery, req.query, {
      status: 400,
      code: 'invalid_query',
      what: 'query',
    });
    const { items, total, timings } = await catalogue.list(p, {
      ...q,
      archived: archived === '1' || archived === 'true',
      ...(status ? { statuses: status } : {}),
    });
    res.setHeader('X-Total-Count', String(total));
    res.setHeader(
      'Server-Timing',
      `access;dur=${timings.access.toFixed(2)}, query;dur=${timings.query.toFixed(2)}, total;dur=${(performance.now() - started).toFixed(2)}, cpu;dur=${cpuMs(cpu).toFixed(2)}`,
    );
    res.json(items);
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
    if (req.is(DOCX_TYPE)) {
      await importDocx(req, res, unitId);
      return;
    }
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

  /** A .docx upload: read in the import thread, stored as a draft in one write, or refused. */
  async function importDocx(req: Request, res: express.Response, unitId: string | null) {
    const importer = deps.docxImporter;
    if (!importer)
      throw new HttpError(415, 'unsupported_media_type', 'Word import is not available here');
    const body = await readDocxBody(req, maxDocxBytes);
    let outcome: Awaited<ReturnType<DocxImporter['read']>>;
    try {
      outcome = await importer.read({ bytes: new Uint8Array(body) });
    } catch (err) {
      if (err instanceof ImportBusyError)
        throw new HttpError(503, 'import_busy', err.message, {}, { 'Retry-After': '5' });
      if (err instanceof ImportTimeoutError)
        throw new HttpError(422, 'docx_too_complex', err.message);
      // The thread died on it (e.g. out of memory): the file, not the server.
      throw new HttpError(422, 'docx_too_complex', 'The Word file is too complex to import');
    }
    if (!outcome.ok) throw new HttpError(422, outcome.code, outcome.message);
    const result = await sops.importSnapshot(outcome.snapshot, { unitId });
    if (!result.ok)
      throw new HttpError(
        422,
        'not_an_sop',
        `The SOP read from the Word file is not valid: ${result.errors.slice(0, 3).join('; ')}`,
      );
    await created(req, result.id, unitId, 'sop.imported');
    res
      .status(201)
      .location(`/api/sops/${result.id}`)
      .json({ id: result.id, warnings: outcome.warnings });
  }

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

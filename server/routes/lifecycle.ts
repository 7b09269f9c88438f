/**
 * The SOP's life after approval (issue 17). Under `/api/sops/:id` (behind the access gate):
 * - `GET /related` → Keterkaitan items with their target SOP and open flags;
 *   `POST /related` `{targetId, type}` (editors; not itself, not archived, not locked);
 *   `DELETE /related/:itemId`; `POST /related/confirm` `{targetId?}` clears flags (editors);
 *   `GET /related/graph` → nodes and edges two hops around the SOP
 *   (`/links` is taken by meeting links, server/routes/sharing.ts)
 * - `GET /schedule` → next monitoring, evaluation and review dates;
 *   `PUT /schedule` `{monitoringDue?, evaluationDue?, reviewDue?}` (owner or approver)
 * - `GET|POST /monitoring`, `GET /monitoring/:rid`,
 *   `PUT /monitoring/:rid/entries/:stepId` `{assessment, note, action}`,
 *   `POST /monitoring/:rid/close` (members of the SOP's unit; approved SOPs only)
 * - `GET|POST /evaluations` `{criteria: {<criterion>: {met, comment}}, notes, suggestions,
 *   recommendation}`: "revise" starts a revision, "revoke" (approvers only) revokes
 * - `GET|POST /acknowledgements` ("sudah dibaca" of the version in force)
 * Signed in: `GET /api/attention?unit=<id>` (the caller's list, or a unit's);
 * `GET /api/lifecycle/units/:unitId/graph`.
 */
import express from 'express';
import * as v from 'valibot';
import { can } from '../../shared/access/permissions.js';
import { RECOMMENDATION_WORDS } from '../../shared/lifecycle/evaluation.js';
import { CRITERIA, LINK_TYPES } from '../../shared/lifecycle/types.js';
import { isIsoDate } from '../../shared/model/index.js';
import { ExportBusyError, type ExportPool, ExportTimeoutError } from '../export/pool.js';
import { requestContext, requirePrincipal } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { callerSop } from '../http/sopAccess.js';
import { fields, parseOr } from '../http/validate.js';
import type { Lifecycle } from '../lifecycle/index.js';

const LinkBody = v.object({
  targetId: fields.id,
  type: v.optional(v.picklist(LINK_TYPES as unknown as string[], 'not a link type'), 'related'),
});
const ConfirmBody = v.object({ targetId: v.optional(fields.id) });
const text = (max: number) => v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max)), '');
const EntryBody = v.object({
  assessment: v.nullable(v.picklist(['good', 'poor'], 'good or poor')),
  note: text(4000),
  action: text(4000),
});
const calendarDate = v.pipe(fields.isoDate, v.check(isIsoDate, 'not a calendar date'));
const dateOrNull = v.optional(v.nullable(calendarDate));
const ScheduleBody = v.object({
  monitoringDue: dateOrNull,
  evaluationDue: dateOrNull,
  reviewDue: dateOrNull,
});
const Answer = v.object({
  met: v.optional(v.boolean('Ya (true) or Tidak (false)')),
  comment: text(2000),
});
const EvaluationBody = v.object({
  criteria: v.optional(v.record(v.picklist(CRITERIA as unknown as string[]), Answer), {}),
  notes: text(8000),
  suggestions: text(8000),
  recommendation: v.picklist(['keep', 'revise', 'revoke'], 'keep, revise or revoke'),
});

function mustEdit(req: express.Request): void {
  const sop = callerSop(req);
  if (!can(sop.role, 'edit') && !sop.unitApprover)
    throw new HttpError(403, 'forbidden', `Your role (${sop.role}) cannot change this SOP's links`);
}

export function createLifecycleRouters(
  lc: Lifecycle,
  /** Filled forms are drawn in the export threads, like every PDF. */
  exports: Pick<ExportPool, 'run'>,
): {
  sopRouter: express.Router;
  router: express.Router;
} {
  const sopRouter = express.Router();

  sopRouter.get('/:id/related', async (req, res) => {
    res.json(await lc.links.list(callerSop(req).id));
  });
  sopRouter.post('/:id/related', async (req, res) => {
    mustEdit(req);
    const p = requirePrincipal(req);
    const body = parseOr(LinkBody, req.body ?? {});
    const sop = callerSop(req);
    await lc.links.checkTarget(sop.id, body.targetId);
    // The target must be one the caller can see (its name goes into this SOP).
    if (!(await lc.canRead(p, body.targetId)))
      throw new HttpError(422, 'unknown_sop', `No SOP with id ${JSON.stringify(body.targetId)}`);
    const out = await lc.links.add(sop.id, body.targetId, body.type as never);
    res.status(201).json(out);
  });
  sopRouter.post('/:id/related/confirm', async (req, res) => {
    mustEdit(req);
    const p = requirePrincipal(req);
    const body = parseOr(ConfirmBody, req.body ?? {});
    const confirmed = await lc.links.confirm(callerSop(req).id, body.targetId ?? null, p.user.id);
    res.json({ confirmed });
  });
  sopRouter.get('/:id/related/graph', async (req, res) => {
    res.json(await lc.sopGraph(requirePrincipal(req), callerSop(req).id));
  });
  sopRouter.delete('/:id/related/:itemId', async (req, res) => {
    mustEdit(req);
    await lc.links.remove(callerSop(req).id, String(req.params.itemId));
    res.status(204).end();
  });

  sopRouter.get('/:id/schedule', async (req, res) => {
    const sop = callerSop(req);
    res.json({
      ...(await lc.attention.schedule(sop.id)),
      // What the caller may do here (the browser mirrors it).
      unitMember: await lc.records.isUnitMember(requirePrincipal(req), sop),
      canRevoke: sop.unitApprover,
    });
  });
  sopRouter.put('/:id/schedule', async (req, res) => {
    const sop = callerSop(req);
    if (!can(sop.role, 'manage') && !sop.unitApprover)
      throw new HttpError(403, 'forbidden', 'Only an owner or an approver of the unit');
    const body = parseOr(ScheduleBody, req.body ?? {});
    await lc.attention.setSchedule(sop.id, {
      monitoringDue: body.monitoringDue ?? null,
      evaluationDue: body.evaluationDue ?? null,
      reviewDue: body.reviewDue ?? null,
    });
    res.json(await lc.attention.schedule(sop.id));
  });

  sopRouter.get('/:id/monitoring', async (req, res) => {
    res.json(await lc.records.listMonitoring(callerSop(req).id));
  });
  sopRouter.post('/:id/monitoring', async (req, res) => {
    const rec = await lc.records.openMonitoring(requirePrincipal(req), callerSop(req));
    res.status(201).json(rec);
  });
  sopRouter.get('/:id/monitoring/:rid', async (req, res) => {
    res.json(await lc.records.getMonitoring(callerSop(req).id, String(req.params.rid)));
  });
  sopRouter.put('/:id/monitoring/:rid/entries/:stepId', async (req, res) => {
    const body = parseOr(EntryBody, req.body ?? {});
    const rec = await lc.records.writeEntry(
      requirePrincipal(req),
      callerSop(req),
      String(req.params.rid),
      String(req.params.stepId),
      body,
    );
    res.json(rec);
  });
  sopRouter.post('/:id/monitoring/:rid/close', async (req, res) => {
    res.json(
      await lc.records.closeMonitoring(
        requirePrincipal(req),
        callerSop(req),
        String(req.params.rid),
      ),
    );
  });

  sopRouter.get('/:id/monitoring/:rid/form.pdf', async (req, res) => {
    const sop = callerSop(req);
    const record = await lc.records.getMonitoring(sop.id, String(req.params.rid));
    const snap = await lc.snapshot(sop.id);
    const pdf = await renderForm(exports, {
      kind: 'forms',
      snapshot: snap,
      filled: { kind: 'monitoring', record },
    });
    sendPdf(res, pdf, `monitoring-${record.createdAt.slice(0, 10)}.pdf`);
  });
  sopRouter.get('/:id/evaluations/:eid/form.pdf', async (req, res) => {
    const sop = callerSop(req);
    const record = (await lc.records.listEvaluations(sop.id)).find(
      (e) => e.id === String(req.params.eid),
    );
    if (!record) throw new HttpError(404, 'not_found', 'No such evaluation of this SOP');
    const snap = await lc.snapshot(sop.id);
    const lang = snap.meta.template === 'international' ? 'en' : 'id';
    const pdf = await renderForm(exports, {
      kind: 'forms',
      snapshot: snap,
      filled: {
        kind: 'evaluation',
        record,
        recommendation: RECOMMENDATION_WORDS[lang][record.recommendation],
      },
    });
    sendPdf(res, pdf, `evaluasi-${record.createdAt.slice(0, 10)}.pdf`);
  });
  sopRouter.get('/:id/evaluations', async (req, res) => {
    res.json(await lc.records.listEvaluations(callerSop(req).id));
  });
  sopRouter.post('/:id/evaluations', async (req, res) => {
    const body = parseOr(EvaluationBody, req.body ?? {});
    const rec = await lc.records.evaluate(
      requirePrincipal(req),
      requestContext(req),
      callerSop(req),
      body,
    );
    res.status(201).json(rec);
  });

  sopRouter.get('/:id/acknowledgements', async (req, res) => {
    res.json(await lc.records.acknowledgements(requirePrincipal(req), callerSop(req)));
  });
  sopRouter.post('/:id/acknowledgements', async (req, res) => {
    res.json(await lc.records.acknowledge(requirePrincipal(req), callerSop(req)));
  });

  const router = express.Router();
  router.get('/attention', async (req, res) => {
    const p = requirePrincipal(req);
    // Due dates passed since the last sweep become notifications too (not awaited).
    void lc.sweepReminders().catch(() => 0);
    const unit = typeof req.query.unit === 'string' ? req.query.unit : '';
    if (unit) {
      const member = (await lc.accountsStore().unitsOfUser(p.user.id)).includes(unit);
      if (!member && !p.user.isAdmin && !p.user.approverUnits.some((u) => u === '*' || u === unit))
        throw new HttpError(
          403,
          'forbidden',
          'Only members, approvers and administrators see a unit',
        );
      res.json({ items: await lc.attention.list(await lc.attention.unitSops(unit), null) });
      return;
    }
    const mine = await lc.attention.sopsOf(p);
    res.json({ items: await lc.attention.list(mine.ids, { p, drafting: mine.drafting }) });
  });
  router.get('/lifecycle/units/:unitId/graph', async (req, res) => {
    res.json(await lc.unitGraph(requirePrincipal(req), String(req.params.unitId)));
  });
  return { sopRouter, router };
}

function sendPdf(res: express.Response, pdf: Uint8Array, name: string): void {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `inline; filename="${name}"`);
  res.end(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
}

/** A filled form from the export threads; a full queue or a render past its limit is a 503. */
async function renderForm(
  exports: Pick<ExportPool, 'run'>,
  job: Parameters<ExportPool['run']>[0],
): Promise<Uint8Array> {
  try {
    return (await exports.run(job)).body;
  } catch (err) {
    if (err instanceof ExportBusyError)
      throw new HttpError(
        503,
        'export_busy',
        `${err.message}; try again shortly`,
        {},
        { 'Retry-After': String(err.retryAfterS) },
      );
    if (err instanceof ExportTimeoutError)
      throw new HttpError(503, 'export_timeout', err.message, {}, { 'Retry-After': '30' });
    throw err;
  }
}

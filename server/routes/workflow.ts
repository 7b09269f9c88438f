/**
 * The SOP's lifecycle as server operations (mounted at /api/sops, behind the access gate):
 * - `GET /:id/approval` → chain, signatures, blockers, whether the caller may sign
 * - `POST /:id/approve` `{effectiveDate?, effectiveDateReason?, override?: {reason}}` (approver
 *   of the unit; a date before today needs `effectiveDateReason`)
 * - `POST /:id/approval/return` `{note}` (the signer whose turn it is)
 * - `POST /:id/status` `{to}`: submit/send back (editors), revoke/supersede (approvers)
 * - `POST /:id/revision`: start a revision of an approved SOP (owner or approver)
 */
import express from 'express';
import * as v from 'valibot';
import { can } from '../../shared/access/permissions.js';
import { listApprovals } from '../../shared/discussion/reviewApprovals.js';
import {
  approvalBlockers,
  startRevision,
  transition,
  WorkflowError,
} from '../../shared/model/index.js';
import type { Accounts } from '../accounts/index.js';
import { requestContext, requirePrincipal } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { callerSop } from '../http/sopAccess.js';
import { fields, parseOr } from '../http/validate.js';
import type { SopDocs } from '../sops/sopDocs.js';
import { type Approvals, contentHash } from '../workflow/approvals.js';

const ApproveBody = v.object({
  effectiveDate: v.optional(fields.isoDate),
  effectiveDateReason: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(2000))),
  override: v.optional(
    v.object({
      reason: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(2000)),
    }),
  ),
});
const ReturnBody = v.object({
  note: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(5000)),
});
const StatusBody = v.object({
  to: v.picklist(['in_review', 'draft', 'revoked', 'superseded'], 'not a status you can set'),
});

function workflowHttp(err: unknown): unknown {
  if (err instanceof WorkflowError) {
    const status = err.code === 'invalid-transition' ? 409 : 422;
    return new HttpError(status, err.code.replace(/-/g, '_'), err.message, err.details);
  }
  return err;
}

export function createWorkflowRouter(deps: {
  accounts: Accounts;
  docs: SopDocs;
  approvals: Approvals;
}): express.Router {
  const { accounts, docs, approvals } = deps;
  const router = express.Router();

  router.get('/:id/approval', async (req, res) => {
    const p = requirePrincipal(req);
    const sop = callerSop(req);
    const chain = await approvals.chainOf(sop.record);
    const read = await docs.withSop(sop.id, ({ sop: doc, discussion }) => ({
      status: doc.meta.get().status,
      hash: contentHash(doc),
      blockers: approvalBlockers(doc, discussion).map((b) => ({
        stepId: b.stepId,
        stepIndex: b.stepIndex,
        activity: b.activity,
        verdicts: b.verdicts,
      })),
      approvals: listApprovals(discussion),
    }));
    const st = await approvals.state(sop.id, read.hash);
    // An approved SOP shows the signatures that approved it.
    const shown =
      read.status === 'approved' && st.closed?.decision === 'approved' ? st.closedRound : st.signed;
    const people = new Map((await accounts.store.listUsers()).map((u) => [u.id, u]));
    const nextId = read.status === 'approved' ? null : (chain[st.signed.length] ?? null);
    const rows = chain.map((userId, i) => {
      const s = shown[i];
      const u = people.get(userId);
      return {
        userId,
        name: u?.name ?? '',
        title: u?.title ?? '',
        state: s ? 'signed' : userId === nextId ? 'next' : 'waiting',
        at: s?.at ?? null,
        note: s?.note ?? '',
      };
    });
    const open = read.status === 'draft' || read.status === 'in_review';
    res.json({
      status: read.status,
      chain: rows,
      lastReturn:
        st.closed?.decision === 'returned'
          ? { userId: st.closed.userId, note: st.closed.note, at: st.closed.at }
          : null,
      blockers: read.blockers,
      canApprove: open && sop.unitApprover && (chain.length === 0 || nextId === p.user.id),
      approvals: read.approvals,
    });
  });

  router.post('/:id/approve', async (req, res) => {
    const p = requirePrincipal(req);
    const body = parseOr(ApproveBody, req.body ?? {});
    const out = await approvals.approve(p, requestContext(req), callerSop(req), body);
    res.json(out);
  });

  router.post('/:id/approval/return', async (req, res) => {
    const p = requirePrincipal(req);
    const body = parseOr(ReturnBody, req.body);
    await approvals.returnWithNote(p, requestContext(req), callerSop(req), body.note);
    res.json({ status: 'draft' });
  });

  router.post('/:id/status', async (req, res) => {
    const p = requirePrincipal(req);
    const sop = callerSop(req);
    const { to } = parseOr(StatusBody, req.body);
    const approverOnly = to === 'revoked' || to === 'superseded';
    if (approverOnly ? !sop.unitApprover : !can(sop.role, 'edit'))
      throw new HttpError(
        403,
        'forbidden',
        approverOnly ? 'Only an approver of the unit' : 'Editors only',
      );
    const from = await docs
      .withSop(sop.id, ({ sop: doc }) => {
        const before = doc.meta.get().status;
        transition(doc, to);
        return before;
      })
      .catch((err: unknown) => {
        throw workflowHttp(err);
      });
    if (from !== to) {
      await accounts.audit(p, requestContext(req), 'sop.status', {
        sopId: sop.id,
        detail: { from, to },
      });
      accounts.events.emit({ kind: 'sop', sopId: sop.id });
    }
    res.json({ status: to });
  });

  router.post('/:id/revision', async (req, res) => {
    const p = requirePrincipal(req);
    const sop = callerSop(req);
    if (!can(sop.role, 'manage') && !sop.unitApprover)
      throw new HttpError(403, 'forbidden', 'Only an owner or an approver of the unit');
    await docs
      .withSop(sop.id, ({ sop: doc }) => startRevision(doc))
      .catch((err: unknown) => {
        throw workflowHttp(err);
      });
    await accounts.audit(p, requestContext(req), 'sop.revision', { sopId: sop.id });
    accounts.events.emit({ kind: 'sop', sopId: sop.id });
    res.json({ status: 'draft' });
  });

  return router;
}

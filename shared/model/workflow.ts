/**
 * SOP status workflow (issue 8): Draf → Dalam reviu → Disahkan → Dicabut /
 * Digantikan, with the approval gate over the discussion document's review
 * verdicts. Content changes go through `SopDoc` (one transaction each);
 * approval records go to the discussion doc (`recordApproval`).
 *
 * Why two documents and still "one transaction": the content doc and the
 * discussion doc are separate Y.Docs (separate rooms), so no single Yjs
 * transaction can span both. `approve` validates everything first, then
 * writes the audit record (discussion doc) and then the approval itself
 * (identity + status, one content transaction). Nothing in between can
 * throw, so either both land or — on a bug — the audit exists without the
 * approval, never an unrecorded override.
 */

import type { Discussion } from '../discussion/discussion.js';
import { ReviewSessions } from '../discussion/review.js';
import {
  type ApprovalRecord,
  listApprovals,
  type OverriddenVerdict,
  recordApproval,
} from '../discussion/reviewApprovals.js';
import type { Author, StepVerdict } from '../discussion/types.js';
import type { SopDoc } from './sopDoc.js';
import type { ApprovedBy, SopStatus } from './types.js';

/**
 * Allowed status changes. `approved` is reached only through {@link approve}
 * and `approved → draft` only through {@link startRevision}; the rest through
 * {@link transition}. Revoked and superseded are final: a replacement is a new
 * revision of the successor SOP, not of a withdrawn one.
 */
export const TRANSITIONS: Readonly<Record<SopStatus, readonly SopStatus[]>> = {
  draft: ['in_review', 'approved'],
  in_review: ['draft', 'approved'],
  approved: ['draft', 'revoked', 'superseded'],
  revoked: [],
  superseded: [],
};

export type WorkflowErrorCode =
  | 'invalid-transition'
  | 'needs-change'
  | 'invalid-approver'
  | 'invalid-date'
  | 'override-reason-required';

/** A refused workflow step; `details` says why (e.g. the blocking steps). */
export class WorkflowError extends Error {
  readonly code: WorkflowErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: WorkflowErrorCode, details: Record<string, unknown> = {}) {
    super(`${code}${Object.keys(details).length ? `: ${JSON.stringify(details)}` : ''}`);
    this.name = 'WorkflowError';
    this.code = code;
    this.details = details;
  }
}

export function canTransition(from: SopStatus, to: SopStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Whether content edits are refused in this status (approved and final SOPs are frozen). */
export function isLocked(status: SopStatus): boolean {
  return status === 'approved' || status === 'revoked' || status === 'superseded';
}

/**
 * Plain status change along {@link TRANSITIONS}: submit for review
 * (draft → in_review), send back (in_review → draft), revoke, supersede.
 * Approval and revision have their own functions (they fill fields).
 */
export function transition(sop: SopDoc, to: Exclude<SopStatus, 'approved'>): void {
  const from = sop.meta.get().status;
  if (from === to) return;
  if (to === 'draft' && from === 'approved')
    throw new WorkflowError('invalid-transition', { from, to, use: 'startRevision' });
  if (!canTransition(from, to)) throw new WorkflowError('invalid-transition', { from, to });
  sop.meta.setStatus(to);
}

/** Steps holding open "needs change" verdicts, in procedure order. */
export interface ApprovalBlocker {
  stepId: string;
  /** 0-based row index. */
  stepIndex: number;
  activity: string;
  verdicts: readonly StepVerdict[];
  /** Linked threads (open ones) of those verdicts. */
  threadIds: readonly string[];
}

/**
 * What blocks approval: per step and reviewer, the LATEST verdict across the
 * review sessions started since the last approval (a later "agree" replaces an
 * earlier "needs change"); it blocks while it is "needs change" and its thread
 * is not resolved (or it has no thread). Verdicts on steps that no longer exist
 * do not block — the row they judged is gone (its thread stays listed as
 * "step deleted").
 */
export function approvalBlockers(sop: SopDoc, discussion: Discussion): ApprovalBlocker[] {
  const review = new ReviewSessions(discussion);
  try {
    const approvals = listApprovals(discussion);
    const since = approvals[approvals.length - 1]?.at ?? Number.NEGATIVE_INFINITY;
    const latest = new Map<string, StepVerdict>();
    for (const s of review.getSnapshot()) {
      if (s.startedAt <= since) continue;
      const vs = [...s.verdicts].sort((a, b) => a.at - b.at);
      for (const v of vs) latest.set(`${v.stepId}\u0000${v.user.id}`, v);
    }
    const threads = discussion.getSnapshot().byId;
    const blocking = new Map<string, StepVerdict[]>();
    for (const v of latest.values()) {
      if (v.verdict !== 'change') continue;
      if (v.threadId && threads.get(v.threadId)?.status === 'resolved') continue;
      const list = blocking.get(v.stepId) ?? [];
      list.push(v);
      blocking.set(v.stepId, list);
    }
    const out: ApprovalBlocker[] = [];
    sop.steps.list().forEach((step, stepIndex) => {
      const vs = blocking.get(step.id);
      if (!vs) return;
      vs.sort((a, b) => (a.user.id < b.user.id ? -1 : a.user.id > b.user.id ? 1 : 0));
      out.push({
        stepId: step.id,
        stepIndex,
        activity: step.activity,
        verdicts: vs,
        threadIds: vs.flatMap((v) => (v.threadId ? [v.threadId] : [])),
      });
    });
    return out;
  } finally {
    review.destroy();
  }
}

export interface ApproveOptions {
  approver: ApprovedBy;
  /** ISO date YYYY-MM-DD (Tanggal Efektif = date of signing). */
  effectiveDate: string;
  /** Who performs the approval in Susun. */
  by: Author;
  /** Approve despite open "needs change" verdicts; the reason is recorded. */
  override?: { reason: string; by: Author };
  now?: () => number;
  newId?: () => string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/**
 * Checks the approver: title and name required; NIP optional (elected heads of
 * region have none) but, when given, 18 digits (spaces allowed, as printed).
 * Returns the problems by field ('title' | 'name' | 'nip').
 */
export function approverProblems(a: ApprovedBy): Array<keyof ApprovedBy> {
  const out: Array<keyof ApprovedBy> = [];
  if (!a.title.trim()) out.push('title');
  if (!a.name.trim()) out.push('name');
  const nip = a.nip.replace(/\s+/g, '');
  if (nip && !/^\d{18}$/.test(nip)) out.push('nip');
  return out;
}

/**
 * Approves the SOP: refuses (WorkflowError 'needs-change', details.steps) while
 * {@link approvalBlockers} is not empty, unless `override` with a non-empty
 * reason is given — then the override, who and when, and the verdicts it went
 * past are recorded. Fills Disahkan oleh (title, name, NIP) and Tanggal
 * Efektif and sets status `approved` in one content transaction. Returns the
 * approval record (also stored in the discussion doc). Storing the approved
 * VERSION is the caller's job (the server snapshots it: POST versions, kind
 * 'approved').
 */
export function approve(sop: SopDoc, discussion: Discussion, opts: ApproveOptions): ApprovalRecord {
  const from = sop.meta.get().status;
  if (!canTransition(from, 'approved'))
    throw new WorkflowError('invalid-transition', { from, to: 'approved' });
  const bad = approverProblems(opts.approver);
  if (bad.length) throw new WorkflowError('invalid-approver', { fields: bad });
  if (!isIsoDate(opts.effectiveDate))
    throw new WorkflowError('invalid-date', { effectiveDate: opts.effectiveDate });
  const blockers = approvalBlockers(sop, discussion);
  if (blockers.length && !opts.override)
    throw new WorkflowError('needs-change', { steps: blockers.map((b) => b.stepId) });
  if (blockers.length && opts.override && !opts.override.reason.trim())
    throw new WorkflowError('override-reason-required');

  const approver: ApprovedBy = {
    title: opts.approver.title.trim(),
    name: opts.approver.name.trim(),
    nip: opts.approver.nip.trim(),
  };
  const overridden: OverriddenVerdict[] = blockers.flatMap((b) =>
    b.verdicts.map((v) => ({
      stepId: v.stepId,
      userId: v.user.id,
      userName: v.user.name,
      threadId: v.threadId,
    })),
  );
  const record: Omit<ApprovalRecord, 'id'> = {
    at: (opts.now ?? Date.now)(),
    by: { id: opts.by.id, name: opts.by.name, colour: opts.by.colour },
    approver,
    effectiveDate: opts.effectiveDate,
    // An override given while nothing blocks is not an override: not recorded as one.
    override:
      blockers.length && opts.override
        ? {
            reason: opts.override.reason.trim(),
            by: {
              id: opts.override.by.id,
              name: opts.override.by.name,
              colour: opts.override.by.colour,
            },
            verdicts: overridden,
          }
        : null,
  };
  const id = recordApproval(discussion, record, opts.newId ? { newId: opts.newId } : {});
  sop.transact(() => {
    sop.identity.setApprover('title', approver.title);
    sop.identity.setApprover('name', approver.name);
    sop.identity.setApprover('nip', approver.nip);
    sop.identity.set('effectiveDate', opts.effectiveDate);
    sop.meta.setStatus('approved');
  });
  return { ...record, id };
}

/** Today's date in local time as YYYY-MM-DD. */
export function localIsoDate(d: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * Starts a new revision of an approved SOP: status back to draft and Tanggal
 * Revisi = today, in one transaction. Disahkan oleh and Tanggal Efektif are
 * kept (they still describe the version in force, and the next approval
 * overwrites them). The approved version itself must already be kept aside in
 * the versions store (it is stored at approval). Idempotent: starting a
 * revision that another user already started concurrently converges to the
 * same state.
 */
export function startRevision(sop: SopDoc, opts: { today?: string } = {}): void {
  const from = sop.meta.get().status;
  if (from !== 'approved') throw new WorkflowError('invalid-transition', { from, to: 'draft' });
  const today = opts.today ?? localIsoDate();
  if (!isIsoDate(today)) throw new WorkflowError('invalid-date', { revisedDate: today });
  sop.transact(() => {
    sop.identity.set('revisedDate', today);
    sop.meta.setStatus('draft');
  });
}

/**
 * Repairs Disahkan oleh / Tanggal Efektif after concurrent approvals. They are
 * Y.Text fields, so two approvals typed at once merge both insertions
 * ("Ahmad FauziAhmad Fauzi"); the approval records are whole values, and the
 * latest one (by time, then id) is the truth. Only the client of that record's
 * author rewrites the fields (`userId` = this client's user), so two clients
 * never race on the repair itself. Returns true when it changed something.
 * Runs only while the SOP is approved (the fields are frozen then).
 */
export function reconcileApproval(sop: SopDoc, discussion: Discussion, userId: string): boolean {
  if (sop.meta.get().status !== 'approved') return false;
  const all = listApprovals(discussion);
  const rec = all[all.length - 1];
  if (!rec || rec.by.id !== userId) return false;
  const id = sop.identity.get();
  const a = id.approvedBy;
  if (
    a.title === rec.approver.title &&
    a.name === rec.approver.name &&
    a.nip === rec.approver.nip &&
    id.effectiveDate === rec.effectiveDate
  )
    return false;
  sop.transact(() => {
    sop.identity.setApprover('title', rec.approver.title);
    sop.identity.setApprover('name', rec.approver.name);
    sop.identity.setApprover('nip', rec.approver.nip);
    sop.identity.set('effectiveDate', rec.effectiveDate);
  });
  return true;
}

/**
 * Approval records (issue 8), stored in the discussion doc under root
 * `approvals`: record id → ApprovalRecord (a plain JSON value, written once,
 * never changed). Every approval is recorded — who approved, when, the
 * approver filled in, and, when it went through despite open "needs change"
 * verdicts, the override (who, reason) and the verdicts it overrode. An
 * append-only map keyed by fresh ids: concurrent approvals both survive, so
 * the audit trail never loses an entry.
 */

import type { ApprovedBy } from '../model/types';
import type { Discussion } from './discussion';
import type { Author } from './types';
import { DiscussionOrigin, randomId } from './util';

export const ROOT_APPROVALS = 'approvals';

/** A "needs change" verdict an approval went past. */
export interface OverriddenVerdict {
  stepId: string;
  userId: string;
  userName: string;
  threadId: string | null;
}

/** One approval, as recorded in the discussion doc. */
export interface ApprovalRecord {
  id: string;
  /** Epoch ms when approved. */
  at: number;
  /** The user who pressed "approve". */
  by: Author;
  approver: ApprovedBy;
  /** ISO date (YYYY-MM-DD). */
  effectiveDate: string;
  /** Present when approval went past open "needs change" verdicts. */
  override: { reason: string; by: Author; verdicts: readonly OverriddenVerdict[] } | null;
}

function isRecord(v: unknown): v is ApprovalRecord {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.id === 'string' && typeof o.at === 'number' && typeof o.effectiveDate === 'string'
  );
}

/** Appends an approval record; returns its id. Plain value: written once, never edited. */
export function recordApproval(
  discussion: Discussion,
  record: Omit<ApprovalRecord, 'id'>,
  opts: { origin?: unknown; newId?: () => string } = {},
): string {
  const id = (opts.newId ?? randomId)();
  const root = discussion.doc.getMap<ApprovalRecord>(ROOT_APPROVALS);
  discussion.doc.transact(
    () => root.set(id, { ...record, id }),
    opts.origin ?? DiscussionOrigin.local,
  );
  return id;
}

/**
 * All approval records, oldest first (by time, then id — the same order on every
 * replica). Malformed entries (the doc is writable by commenters) are skipped.
 */
export function listApprovals(discussion: Discussion): ApprovalRecord[] {
  const out: ApprovalRecord[] = [];
  discussion.doc.getMap<unknown>(ROOT_APPROVALS).forEach((v) => {
    if (isRecord(v)) out.push(v);
  });
  out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}

/** Calls `cb` whenever approval records change; returns the unsubscribe function. */
export function observeApprovals(discussion: Discussion, cb: () => void): () => void {
  const root = discussion.doc.getMap<unknown>(ROOT_APPROVALS);
  const h = () => cb();
  root.observe(h);
  return () => root.unobserve(h);
}
